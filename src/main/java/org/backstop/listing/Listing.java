package org.backstop.listing;

import java.time.Instant;
import org.backstop.net.IpAddress;

/**
 * One address's listing: current or past (inactive after expiry or removal).
 *
 * @param ip the listed address
 * @param active true while it is published
 * @param firstReport when the current listing began
 * @param lastReport the most recent evidence that listed or renewed it
 * @param expiresAt when it stops being published unless renewed
 * @param impact how many pieces of listing evidence it has
 * @param reason the policy's reason for the latest change
 */
public record Listing(
    IpAddress ip,
    boolean active,
    Instant firstReport,
    Instant lastReport,
    Instant expiresAt,
    long impact,
    String reason) {

  /** True when published at the given time. */
  public boolean listedAt(Instant now) {
    return active && expiresAt.isAfter(now);
  }
}
