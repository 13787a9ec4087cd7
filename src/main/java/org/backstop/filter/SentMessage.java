package org.backstop.filter;

import java.time.Instant;
import java.util.List;

/**
 * One message this site sent, as the milter saw it leave.
 *
 * @param messageId the Message-ID (RFC 5322 section 3.6.4) without angle brackets
 * @param sender the envelope sender before BATV signing, empty for a null sender
 * @param recipients the envelope recipients
 * @param sentAt when it was accepted for sending
 */
public record SentMessage(
    String messageId, String sender, List<String> recipients, Instant sentAt) {
  public SentMessage {
    messageId = SentLedger.normalise(messageId);
    sender = sender == null ? "" : sender;
    recipients = List.copyOf(recipients);
  }
}
