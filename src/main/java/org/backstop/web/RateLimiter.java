package org.backstop.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per client: each client may make {@code burst} requests at once, refilled at
 * {@code burst} per {@code period}. Driven by a {@link Clock} so tests move time.
 *
 * <p>The table of clients is bounded (least recently seen evicted first) so a flood of source
 * addresses cannot exhaust memory; an evicted client starts again with a full bucket, which is the
 * safe direction for a free service.
 */
public final class RateLimiter {
  private final Clock clock;
  private final int burst;
  private final double perNano;
  private final Map<String, Bucket> buckets;

  /**
   * @param burst requests allowed at once, at least 1
   * @param period time to refill a whole bucket
   * @param maxClients clients remembered at once
   */
  public RateLimiter(Clock clock, int burst, Duration period, int maxClients) {
    if (burst < 1 || period.isNegative() || period.isZero() || maxClients < 1) {
      throw new IllegalArgumentException("burst, period and maxClients must be positive");
    }
    this.clock = clock;
    this.burst = burst;
    this.perNano = burst / (double) period.toNanos();
    this.buckets =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxClients;
          }
        };
  }

  /** Takes one request from the client's bucket; false when the client must wait. */
  public synchronized boolean tryAcquire(String client) {
    long now = nanos();
    Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
    b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) * perNano);
    b.at = now;
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }

  /** Whole seconds until the client may try again, at least 1; for Retry-After. */
  public synchronized long retryAfterSeconds(String client) {
    Bucket b = buckets.get(client);
    double missing = b == null ? 0 : 1 - b.tokens;
    return Math.max(1, (long) Math.ceil(missing / perNano / 1e9));
  }

  private long nanos() {
    var i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }
}
