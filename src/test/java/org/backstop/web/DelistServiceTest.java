package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.backstop.listing.DelistingPolicy;
import org.backstop.net.IpAddress;
import org.backstop.testing.MutableClock;
import org.backstop.web.DelistRequest.Status;
import org.junit.jupiter.api.Test;

class DelistServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final MemoryBackend data = new MemoryBackend(clock);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final DelistService service =
      new DelistService(clock, data, data, new DelistingPolicy(clock), metrics);
  private static final IpAddress IP = IpAddress.parse("203.0.113.7");

  @Test
  void quietAddressIsDelistedAtOnce() {
    data.report(IP, T0.minus(Duration.ofDays(3)), "dsn", null);
    DelistRequest r = service.submit("203.0.113.7", "fixed recipient checks", "pm@bad.example");
    assertThat(r.status()).isEqualTo(Status.APPROVED);
    assertThat(r.decidedBy()).isEqualTo("policy");
    assertThat(Tokens.plausibleId(r.token())).isTrue();
    assertThat(data.find(IP).orElseThrow().listed()).isFalse();
    assertThat(data.audit)
        .extracting(AuditLog.Entry::action)
        .containsExactly("delisting.approve", "listing.remove");
    assertThat(metrics.counter("backstop.web.delist.requests", "outcome", "approved").count())
        .isEqualTo(1.0);
  }

  @Test
  void recentlyReportedAddressIsQueuedThenApprovedByAnAdmin() {
    data.report(IP, T0.minus(Duration.ofHours(2)), "dsn", null);
    DelistRequest r = service.submit("203.0.113.7", "fixed recipient checks", "pm@bad.example");
    assertThat(r.status()).isEqualTo(Status.QUEUED);
    assertThat(data.find(IP).orElseThrow().listed()).isTrue();
    assertThat(service.queue()).extracting(DelistRequest::token).containsExactly(r.token());
    clock.advance(Duration.ofMinutes(5));
    DelistRequest done = service.decide(r.token(), true, "looks fixed", "admin");
    assertThat(done.status()).isEqualTo(Status.APPROVED);
    assertThat(done.decided()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(data.find(IP).orElseThrow().listed()).isFalse();
    assertThat(service.queue()).isEmpty();
    assertThatThrownBy(() -> service.decide(r.token(), false, "", "admin"))
        .hasMessageContaining("already approved");
    assertThat(data.byToken(r.token()).orElseThrow().decidedBy()).isEqualTo("admin");
  }

  @Test
  void thirdDelistingWithin90DaysIsQueued() {
    Instant t = T0.minus(Duration.ofDays(60));
    for (int i = 0; i < 3; i++) {
      data.report(IP, t, "dsn", null);
      data.unlist(IP, "x", "test");
      t = t.plus(Duration.ofDays(10));
    }
    data.report(IP, T0.minus(Duration.ofDays(5)), "dsn", null);
    DelistRequest r = service.submit("203.0.113.7", "fixed it once more", "pm@bad.example");
    assertThat(r.status()).isEqualTo(Status.QUEUED);
    assertThat(r.reason()).contains("3 times");
  }

  @Test
  void unlistedAddressCannotBeDelisted() {
    assertThatThrownBy(() -> service.submit("192.0.2.1", "nothing to do here", "a@b.example"))
        .isInstanceOfSatisfying(WebProblem.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void badFieldsAre400() {
    data.report(IP, T0, "dsn", null);
    assertThatThrownBy(() -> service.submit("300.1.1.1", "long enough text", "a@b.example"))
        .isInstanceOfSatisfying(WebProblem.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> service.submit("203.0.113.7", "short", "a@b.example"))
        .hasMessageContaining("explanation");
    assertThatThrownBy(() -> service.submit("203.0.113.7", "long enough text", "not-an-email"))
        .hasMessageContaining("email");
    assertThat(data.requests).isEmpty();
  }

  @Test
  void unknownOrMalformedTokensFindNothing() {
    assertThat(service.status("nope")).isEmpty();
    assertThat(service.status(Tokens.random())).isEmpty();
    assertThatThrownBy(() -> service.decide(Tokens.random(), true, "", "admin"))
        .isInstanceOfSatisfying(WebProblem.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
