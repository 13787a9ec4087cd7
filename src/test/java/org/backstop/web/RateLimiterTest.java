package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock the test moves. */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:00Z"));

  @Test
  void allowsTheBurstThenRefuses() {
    RateLimiter l = new RateLimiter(clock, 3, Duration.ofHours(1), 10);
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isFalse();
    assertThat(l.retryAfterSeconds("a")).isBetween(1L, 1200L);
  }

  @Test
  void clientsHaveTheirOwnBuckets() {
    RateLimiter l = new RateLimiter(clock, 1, Duration.ofHours(1), 10);
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isFalse();
    assertThat(l.tryAcquire("b")).isTrue();
  }

  @Test
  void refillsAsTimePasses() {
    RateLimiter l = new RateLimiter(clock, 2, Duration.ofMinutes(10), 10);
    l.tryAcquire("a");
    l.tryAcquire("a");
    assertThat(l.tryAcquire("a")).isFalse();
    clock.advance(Duration.ofMinutes(4));
    assertThat(l.tryAcquire("a")).isFalse();
    clock.advance(Duration.ofMinutes(2));
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isFalse();
  }

  @Test
  void forgetsTheLeastRecentClientBeyondTheBound() {
    RateLimiter l = new RateLimiter(clock, 1, Duration.ofHours(1), 2);
    l.tryAcquire("a");
    l.tryAcquire("b");
    l.tryAcquire("c");
    assertThat(l.tryAcquire("a")).as("a was evicted and starts full").isTrue();
    assertThat(l.tryAcquire("c")).isFalse();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RateLimiter(clock, 0, Duration.ofHours(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
