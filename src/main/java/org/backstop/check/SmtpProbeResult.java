package org.backstop.check;

import java.util.List;

/**
 * What an SMTP probe of one MX address saw. A reply is null when that step was not reached.
 *
 * @param nullSender the reply to {@code MAIL FROM:<>}
 * @param unknownRecipient the reply to {@code RCPT TO} a random address that cannot exist
 * @param relay the reply to {@code RCPT TO} an address in a foreign domain
 * @param transcript the dialogue, client lines prefixed {@code C:} and server lines {@code S:}
 */
public record SmtpProbeResult(
    String host,
    String address,
    int port,
    String error,
    SmtpReply banner,
    boolean starttls,
    SmtpReply nullSender,
    SmtpReply unknownRecipient,
    SmtpReply relay,
    List<String> transcript) {

  public SmtpProbeResult {
    transcript = List.copyOf(transcript);
  }
}
