package org.backstop.mail;

import java.util.List;

/**
 * The analyzer's verdict on one message: what kind of automated mail it is, whom it reports on, and
 * the rules that led there.
 *
 * @param kind the kind of message
 * @param recipients the failed or reported recipients, empty when none
 * @param original what the report reveals of the message it is about
 * @param reportingMta the host that wrote the report (RFC 3464 Reporting-MTA), or null
 * @param evidence the names of the rules that fired, in order, so a person sees why
 */
public record Analysis(
    MessageKind kind,
    List<Recipient> recipients,
    OriginalMessage original,
    String reportingMta,
    List<String> evidence) {

  public Analysis {
    recipients = List.copyOf(recipients);
    evidence = List.copyOf(evidence);
    original = original == null ? OriginalMessage.unknown() : original;
  }

  /** A verdict of ordinary mail with the given evidence. */
  public static Analysis none(List<String> evidence) {
    return new Analysis(MessageKind.NONE, List.of(), OriginalMessage.unknown(), null, evidence);
  }
}
