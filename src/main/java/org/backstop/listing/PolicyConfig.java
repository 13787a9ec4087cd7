package org.backstop.listing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The listing policy's settings, validated once.
 *
 * @param expiry how long a listing lasts after its last report (default 28 days)
 * @param requiredReporters how many independent external reporters must agree before their reports
 *     list an address (default 2)
 * @param listingKinds the evidence kinds that list (default bounce, autoreply, challenge, callout;
 *     spam is recorded only)
 * @param samples how many evidence samples a listing shows (default 5)
 */
public record PolicyConfig(
    Duration expiry, int requiredReporters, Set<EvidenceKind> listingKinds, int samples) {

  public PolicyConfig {
    if (expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException("expiry must be positive: " + expiry);
    }
    if (requiredReporters < 1) {
      throw new IllegalArgumentException("required reporters must be at least 1");
    }
    if (samples < 0 || samples > 100) {
      throw new IllegalArgumentException("samples must be 0..100");
    }
    listingKinds = Set.copyOf(listingKinds);
  }

  /** The documented defaults. */
  public static PolicyConfig defaults() {
    return new PolicyConfig(
        Duration.ofDays(28),
        2,
        EnumSet.of(
            EvidenceKind.BOUNCE,
            EvidenceKind.AUTOREPLY,
            EvidenceKind.CHALLENGE,
            EvidenceKind.CALLOUT),
        5);
  }
}
