package org.backstop.mail;

import java.util.List;

/**
 * What a report reveals of the message it is about. Fields are null when not revealed.
 *
 * @param messageId the original Message-ID, with angle brackets removed
 * @param from the original From address
 * @param sender the envelope sender the report went back to: the possibly forged address
 * @param subject the original Subject, decoded
 * @param date the original Date header as written
 * @param received the original Received chain, newest first
 */
public record OriginalMessage(
    String messageId, String from, String sender, String subject, String date, List<Hop> received) {

  public OriginalMessage {
    received = received == null ? List.of() : List.copyOf(received);
  }

  /** Nothing known of the original message. */
  public static OriginalMessage unknown() {
    return new OriginalMessage(null, null, null, null, null, List.of());
  }
}
