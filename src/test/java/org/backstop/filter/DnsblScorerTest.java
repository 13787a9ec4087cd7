package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.backstop.net.IpAddress;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.Test;

class DnsblScorerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

  /** Answers from a table; counts queries; names missing from the table never answer. */
  static final class FakeDns implements DnsLookup {
    final Map<String, DnsAnswer> table = new ConcurrentHashMap<>();
    final AtomicInteger queries = new AtomicInteger();

    FakeDns listed(String name, String... answers) {
      table.put(
          name,
          new DnsAnswer(java.util.Arrays.stream(answers).map(IpAddress::parse).toList(), 600));
      return this;
    }

    FakeDns notListed(String name) {
      table.put(name, new DnsAnswer(List.of(), 300));
      return this;
    }

    @Override
    public CompletionStage<DnsAnswer> lookupA(String name) {
      queries.incrementAndGet();
      DnsAnswer a = table.get(name);
      return a == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(a);
    }
  }

  private DnsblScorer scorer(FakeDns dns, String... sites) {
    return new DnsblScorer(
        java.util.Arrays.stream(sites).map(DnsblSite::parse).toList(),
        dns,
        clock,
        Duration.ofMillis(200));
  }

  @Test
  void sumsWeightsOfMatchingSitesLikePostscreen() {
    FakeDns dns =
        new FakeDns()
            .listed("2.2.0.192.bl.test", "127.0.0.4")
            .listed("2.2.0.192.bs.test", "127.0.0.2")
            .notListed("2.2.0.192.wl.test");
    DnsblScore s =
        scorer(dns, "bl.test=127.0.0.[2..11]*3", "bl.test=127.0.0.10*2", "bs.test", "wl.test*-5")
            .score(IpAddress.parse("192.0.2.2"));
    assertThat(s.score()).isEqualTo(4);
    assertThat(s.listedOn()).containsExactly("bl.test=127.0.0.[2..11]*3", "bs.test");
    // Two sites on one zone share one query.
    assertThat(dns.queries.get()).isEqualTo(3);
  }

  @Test
  void allowlistWeightSubtracts() {
    FakeDns dns =
        new FakeDns()
            .listed("2.2.0.192.bl.test", "127.0.0.2")
            .listed("2.2.0.192.wl.test", "127.0.10.1");
    assertThat(
            scorer(dns, "bl.test*2", "wl.test=127.0.[0..255].1*-5")
                .score(IpAddress.parse("192.0.2.2"))
                .score())
        .isEqualTo(-3);
  }

  @Test
  void cachesAnswersForTheirTtlThenAsksAgain() {
    FakeDns dns = new FakeDns().listed("2.2.0.192.bl.test", "127.0.0.2");
    DnsblScorer scorer = scorer(dns, "bl.test");
    for (int i = 0; i < 5; i++) {
      assertThat(scorer.score(IpAddress.parse("192.0.2.2")).score()).isEqualTo(1);
    }
    assertThat(dns.queries.get()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(601));
    scorer.score(IpAddress.parse("192.0.2.2"));
    assertThat(dns.queries.get()).isEqualTo(2);
  }

  @Test
  void aSiteThatDoesNotAnswerInTimeCountsAsNotListing() {
    FakeDns dns = new FakeDns().listed("2.2.0.192.bl.test", "127.0.0.2");
    DnsblScore s = scorer(dns, "bl.test", "silent.test*5").score(IpAddress.parse("192.0.2.2"));
    assertThat(s.score()).isEqualTo(1);
    assertThat(s.unanswered()).isEqualTo(1);
  }

  @Test
  void failuresAreCachedOnlyBriefly() {
    AtomicInteger calls = new AtomicInteger();
    DnsLookup failing =
        name -> {
          calls.incrementAndGet();
          return CompletableFuture.failedFuture(new java.io.IOException("SERVFAIL"));
        };
    DnsblScorer scorer =
        new DnsblScorer(
            List.of(DnsblSite.parse("bl.test")), failing, clock, Duration.ofMillis(100));
    assertThat(scorer.score(IpAddress.parse("192.0.2.2")).unanswered()).isEqualTo(1);
    scorer.score(IpAddress.parse("192.0.2.2"));
    assertThat(calls.get()).as("a failure is remembered for a few seconds").isEqualTo(1);
    clock.advance(Duration.ofSeconds(6));
    assertThat(scorer.score(IpAddress.parse("192.0.2.2")).unanswered()).isEqualTo(1);
    assertThat(calls.get()).as("then asked again").isEqualTo(2);
  }

  @Test
  void queriesIpv6ByNibbles() {
    FakeDns dns = new FakeDns();
    String name = "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.test";
    dns.listed(name, "127.0.0.2");
    assertThat(scorer(dns, "bl.test").score(IpAddress.parse("2001:db8::1")).score()).isEqualTo(1);
  }
}
