package org.backstop.trap;

import java.time.Instant;
import java.util.List;
import org.backstop.net.IpAddress;

/**
 * One SMTP transaction that reached a trap: a delivered message, or a sender callout (a null sender
 * that named a trap recipient and left before DATA).
 *
 * @param id unique and stable across restarts (kept in the spool), so a sink can be idempotent
 * @param receivedAt when the transaction ended
 * @param client the SMTP client's address (after XCLIENT or PROXY from a trusted network)
 * @param helo the HELO/EHLO name, as given
 * @param mailFrom the envelope sender without angle brackets; empty for the null sender
 * @param recipients the accepted trap recipients
 * @param message the raw message as received, or null for a callout; the sink must not modify it
 * @param callout true when the client left before DATA after naming a trap recipient
 */
public record TrapDelivery(
    String id,
    Instant receivedAt,
    IpAddress client,
    String helo,
    String mailFrom,
    List<String> recipients,
    byte[] message,
    boolean callout) {

  public TrapDelivery {
    recipients = List.copyOf(recipients);
  }
}
