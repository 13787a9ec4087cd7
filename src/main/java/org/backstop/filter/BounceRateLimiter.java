package org.backstop.filter;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts bounces (null-sender recipients) per client in fixed windows, so one server flooding us
 * with backscatter is slowed with a temporary error while others keep delivering.
 */
final class BounceRateLimiter {
  private static final int MAX_CLIENTS = 100_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, long[]> counts = new ConcurrentHashMap<>();

  BounceRateLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Counts one bounce and returns true while the client is within its limit. */
  boolean allow(String client) {
    if (limit <= 0) {
      return true;
    }
    long now = clock.millis();
    long w = window.toMillis();
    if (counts.size() > MAX_CLIENTS) {
      counts.values().removeIf(c -> now - c[0] >= w);
    }
    long[] c =
        counts.compute(
            client,
            (k, old) -> {
              if (old == null || now - old[0] >= w) {
                return new long[] {now, 1};
              }
              old[1]++;
              return old;
            });
    return c[1] <= limit;
  }
}
