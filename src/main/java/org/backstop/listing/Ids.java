package org.backstop.listing;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row ids that sort by creation: milliseconds, a per-process counter, then random bits so two
 * processes writing one database never collide. Portable across SQLite and PostgreSQL, unlike their
 * differing auto-increment syntax.
 */
final class Ids {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static String next(Instant at) {
    byte[] r = new byte[4];
    RANDOM.nextBytes(r);
    return String.format(
        "%013d%08d-%s",
        at.toEpochMilli(), COUNTER.incrementAndGet() % 100_000_000, HexFormat.of().formatHex(r));
  }
}
