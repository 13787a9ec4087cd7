package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backstop.mail.Batv;
import org.backstop.mail.BatvKeys;
import org.backstop.net.Cidr;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.Test;

class PolicyDeciderTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private final Batv batv = new Batv(BatvKeys.of(List.of("s3cret")), clock);
  private final DnsblScorerTest.FakeDns dns = new DnsblScorerTest.FakeDns();

  private PolicyDecider decider(int bounceLimit, String... dnsbl) {
    ShieldConfig config =
        new ShieldConfig(
            Set.of("example.test"),
            batv,
            List.of(Cidr.parse("10.0.0.0/8")),
            Set.of(),
            2,
            bounceLimit,
            ShieldAction.REJECT,
            65536);
    DnsblScorer scorer =
        new DnsblScorer(
            java.util.Arrays.stream(dnsbl).map(DnsblSite::parse).toList(),
            dns,
            clock,
            Duration.ofMillis(200));
    return new PolicyDecider(config, scorer, clock);
  }

  private static PolicyRequest rcpt(String client, String sender, String recipient) {
    Map<String, String> m = new HashMap<>();
    m.put("request", "smtpd_access_policy");
    m.put("protocol_state", "RCPT");
    m.put("client_address", client);
    m.put("sender", sender);
    m.put("recipient", recipient);
    return new PolicyRequest(m);
  }

  @Test
  void bounceToASigningDomainNeedsOurValidTag() {
    PolicyDecider d = decider(0);
    assertThat(d.decide(rcpt("192.0.2.1", "", "alice@example.test")))
        .startsWith("550 5.7.1 Backscatter rejected")
        .endsWith("unsigned");
    assertThat(d.decide(rcpt("192.0.2.1", "", batv.sign("alice@example.test")))).isEqualTo("DUNNO");
    assertThat(d.decide(rcpt("192.0.2.1", "", "prvs=07920000aa=alice@example.test")))
        .endsWith("bad-signature");
    String tag = batv.sign("alice@example.test");
    clock.advance(Duration.ofDays(9));
    assertThat(d.decide(rcpt("192.0.2.1", "", tag))).endsWith("expired");
  }

  @Test
  void ordinaryMailAndOtherDomainsAreLeftToPostfix() {
    PolicyDecider d = decider(0);
    assertThat(d.decide(rcpt("192.0.2.1", "carol@x.test", "alice@example.test")))
        .isEqualTo("DUNNO");
    assertThat(d.decide(rcpt("192.0.2.1", "", "bob@unsigned.test"))).isEqualTo("DUNNO");
  }

  @Test
  void ourNetworksAndAuthenticatedClientsAreNeverJudged() {
    PolicyDecider d = decider(0, "bl.test");
    dns.listed("1.0.0.10.bl.test", "127.0.0.2");
    assertThat(d.decide(rcpt("10.0.0.1", "", "alice@example.test"))).isEqualTo("DUNNO");
    Map<String, String> m = new HashMap<>(rcpt("192.0.2.1", "", "alice@example.test").attributes());
    m.put("sasl_username", "alice");
    assertThat(d.decide(new PolicyRequest(m))).isEqualTo("DUNNO");
  }

  @Test
  void dnsblScoreAtTheThresholdRejectsAnyMail() {
    dns.listed("9.2.0.192.bl.test", "127.0.0.2").listed("8.2.0.192.bl.test", "127.0.0.99");
    PolicyDecider d = decider(0, "bl.test=127.0.0.[2..11]*2");
    assertThat(d.decide(rcpt("192.0.2.9", "carol@x.test", "bob@example.test")))
        .startsWith("550 5.7.1 Service unavailable; client [192.0.2.9] blocked using bl.test");
    assertThat(d.decide(rcpt("192.0.2.8", "carol@x.test", "bob@example.test"))).isEqualTo("DUNNO");
  }

  @Test
  void tooManyBouncesFromOneClientAreDeferredForAnHour() {
    PolicyDecider d = decider(2);
    String signed = batv.sign("alice@example.test");
    assertThat(d.decide(rcpt("192.0.2.1", "", signed))).isEqualTo("DUNNO");
    assertThat(d.decide(rcpt("192.0.2.1", "", signed))).isEqualTo("DUNNO");
    assertThat(d.decide(rcpt("192.0.2.1", "", signed))).startsWith("450 4.7.1 Too many bounces");
    assertThat(d.decide(rcpt("192.0.2.2", "", signed))).isEqualTo("DUNNO");
    clock.advance(Duration.ofMinutes(61));
    assertThat(d.decide(rcpt("192.0.2.1", "", signed))).isEqualTo("DUNNO");
  }

  @Test
  void otherStagesAndBrokenRequestsAreDunno() {
    PolicyDecider d = decider(0);
    Map<String, String> m = new HashMap<>(rcpt("192.0.2.1", "", "alice@example.test").attributes());
    m.put("protocol_state", "END-OF-MESSAGE");
    assertThat(d.decide(new PolicyRequest(m))).isEqualTo("DUNNO");
    assertThat(d.decide(new PolicyRequest(Map.of()))).isEqualTo("DUNNO");
    assertThat(d.decide(rcpt("not-an-ip", "", "@@@"))).isEqualTo("DUNNO");
  }

  @Test
  void anInternalErrorFailsOpen() {
    ShieldConfig config =
        new ShieldConfig(Set.of(), null, List.of(), Set.of(), 1, 0, ShieldAction.REJECT, 65536);
    DnsblScorer exploding =
        new DnsblScorer(
            List.of(DnsblSite.parse("bl.test")),
            name -> {
              throw new IllegalStateException("resolver broke");
            },
            clock,
            Duration.ofMillis(100));
    assertThat(
            new PolicyDecider(config, exploding, clock)
                .decide(rcpt("192.0.2.1", "a@b.test", "c@d.test")))
        .isEqualTo("DUNNO");
  }

  @Test
  void countsAnswersByOutcome() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    ShieldConfig config =
        new ShieldConfig(
            Set.of("example.test"), batv, List.of(), Set.of(), 1, 0, ShieldAction.REJECT, 65536);
    PolicyDecider d =
        new PolicyDecider(
            config,
            new DnsblScorer(List.of(), dns, clock, Duration.ofMillis(100)),
            clock,
            new ShieldMetrics(registry));
    d.decide(rcpt("192.0.2.1", "", "alice@example.test"));
    d.decide(rcpt("192.0.2.1", "a@b.test", "alice@example.test"));
    d.decide(rcpt("192.0.2.1", "a@b.test", "bob@example.test"));
    assertThat(registry.counter("backstop_filter_policy_answers", "outcome", "batv-reject").count())
        .isEqualTo(1.0);
    assertThat(registry.counter("backstop_filter_policy_answers", "outcome", "dunno").count())
        .isEqualTo(2.0);
  }
}
