package org.backstop.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.backstop.listing.DelistingPolicy.Outcome;
import org.junit.jupiter.api.Test;

class DelistingPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private final DelistingPolicy policy = new DelistingPolicy(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void approvesWhenQuietAndNeverDelisted() {
    var d = policy.decide(NOW.minus(Duration.ofHours(49)), List.of());
    assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
    assertThat(d.reason()).contains("48 hours");
  }

  @Test
  void approvesWhenNoReportAtAll() {
    assertThat(policy.decide(null, List.of()).outcome()).isEqualTo(Outcome.APPROVED);
  }

  @Test
  void queuesWhenReportedWithin48Hours() {
    var d = policy.decide(NOW.minus(Duration.ofHours(47)), List.of());
    assertThat(d.outcome()).isEqualTo(Outcome.QUEUED);
    assertThat(d.reason()).contains("less than 48 hours");
  }

  @Test
  void reportExactly48HoursAgoIsQuietEnough() {
    assertThat(policy.decide(NOW.minus(Duration.ofHours(48)), List.of()).outcome())
        .isEqualTo(Outcome.APPROVED);
  }

  @Test
  void twoDelistingsIn90DaysStillApprove() {
    var earlier = List.of(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(80)));
    assertThat(policy.decide(NOW.minus(Duration.ofDays(3)), earlier).outcome())
        .isEqualTo(Outcome.APPROVED);
  }

  @Test
  void threeDelistingsIn90DaysQueue() {
    var earlier =
        List.of(
            NOW.minus(Duration.ofDays(5)),
            NOW.minus(Duration.ofDays(40)),
            NOW.minus(Duration.ofDays(89)));
    var d = policy.decide(NOW.minus(Duration.ofDays(3)), earlier);
    assertThat(d.outcome()).isEqualTo(Outcome.QUEUED);
    assertThat(d.reason()).contains("3 times").contains("90 days");
  }

  @Test
  void delistingsOlderThan90DaysDoNotCount() {
    var earlier =
        List.of(
            NOW.minus(Duration.ofDays(5)),
            NOW.minus(Duration.ofDays(40)),
            NOW.minus(Duration.ofDays(91)),
            NOW.minus(Duration.ofDays(200)));
    assertThat(policy.decide(null, earlier).outcome()).isEqualTo(Outcome.APPROVED);
  }

  @Test
  void movingTheClockTurnsAQueuedRequestIntoAnApprovedOne() {
    Instant lastReport = NOW.minus(Duration.ofHours(1));
    assertThat(policy.decide(lastReport, List.of()).outcome()).isEqualTo(Outcome.QUEUED);
    var later = new DelistingPolicy(Clock.fixed(NOW.plus(Duration.ofHours(47)), ZoneOffset.UTC));
    assertThat(later.decide(lastReport, List.of()).outcome()).isEqualTo(Outcome.APPROVED);
  }

  @Test
  void aReportAfterDelistingListsAgain() {
    Instant delisted = NOW.minus(Duration.ofDays(1));
    assertThat(DelistingPolicy.relists(delisted, NOW)).isTrue();
    assertThat(DelistingPolicy.relists(delisted, delisted.minusSeconds(1))).isFalse();
  }

  @Test
  void rejectsNonsenseLimits() {
    Clock c = Clock.systemUTC();
    assertThatThrownBy(() -> new DelistingPolicy(c, Duration.ZERO, Duration.ofDays(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DelistingPolicy(c, Duration.ofHours(1), Duration.ofDays(1), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
