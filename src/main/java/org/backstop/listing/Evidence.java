package org.backstop.listing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.backstop.net.IpAddress;

/**
 * One report about an address, before the policy has judged it: a trap transaction or a message
 * submitted by a reporter.
 *
 * @param id unique and stable, so recording the same evidence twice records it once
 * @param ip the address that delivered the message
 * @param kind what the evidence shows
 * @param reporterId who reports it: {@code trap}, {@code operator} or a registered reporter
 * @param receivedAt when it was received
 * @param helo the HELO/EHLO name, or null
 * @param mailFrom the envelope sender, empty for the null sender, or null when unknown
 * @param recipients the trap recipients, empty when unknown
 * @param messageKind the analyzer's label for the message, or null for a callout
 * @param summary one line a person can read: what it was and what it was about
 * @param excerpt the message's header section, bounded, or null
 */
public record Evidence(
    String id,
    IpAddress ip,
    EvidenceKind kind,
    String reporterId,
    Instant receivedAt,
    String helo,
    String mailFrom,
    List<String> recipients,
    String messageKind,
    String summary,
    String excerpt) {

  public Evidence {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reporterId, "reporterId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    summary = summary == null ? "" : summary;
  }
}
