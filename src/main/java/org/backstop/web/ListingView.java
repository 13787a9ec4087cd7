package org.backstop.web;

import java.time.Instant;
import java.util.Objects;
import org.backstop.net.IpAddress;

/**
 * What the web site shows about one address: its current listing or the trace of a past one.
 *
 * @param ip the address
 * @param listed whether the address is listed now
 * @param since when the current (or last) listing began
 * @param impactCount how many reports the listing gathered
 * @param lastImpact when the last report arrived, or null
 * @param expires when the listing lapses if no new report arrives, or null when not listed
 * @param evidenceKind the kind of the last evidence: bounce, autoreply, challenge, callout, ...
 * @param headerSample the raw headers of one offending message, unredacted, or null
 * @param delistedAt when the address was last delisted, or null
 */
public record ListingView(
    IpAddress ip,
    boolean listed,
    Instant since,
    long impactCount,
    Instant lastImpact,
    Instant expires,
    String evidenceKind,
    String headerSample,
    Instant delistedAt) {

  public ListingView {
    Objects.requireNonNull(ip, "ip");
  }
}
