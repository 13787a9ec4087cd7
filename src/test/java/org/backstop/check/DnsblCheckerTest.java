package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

class DnsblCheckerTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  private final FixtureZones zones = new FixtureZones();

  private DnsblChecker checker(boolean testPoints, DnsblList... lists) {
    return new DnsblChecker(
        new InMemoryDns(zones), List.of(lists), clock, Duration.ofSeconds(1), testPoints);
  }

  private static DnsblList spamhausLike(String zone) {
    return new DnsblList(
        zone,
        "Spamhaus-like",
        Set.of(TargetKind.IPV4, TargetKind.IPV6),
        Map.of("127.0.0.2", "SBL", "127.0.0.4", "XBL"),
        false,
        Map.of("127.255.255.254", "public resolver"),
        "https://remove.example/",
        true,
        null,
        null,
        null);
  }

  @Test
  void listedResultCarriesCodeMeaningTxtAndRemovalPage() {
    zones
        .testPoints("bl.test")
        .listed("bl.test", "192.0.2.1", "127.0.0.4", "see https://bl.test/192.0.2.1");
    CheckReport r = checker(true, spamhausLike("bl.test")).check("192.0.2.1");
    ListResult one = r.results().get(0);
    assertThat(one.status()).isEqualTo(ListStatus.LISTED);
    assertThat(one.codes()).containsExactly("127.0.0.4");
    assertThat(one.meanings()).containsExactly("XBL");
    assertThat(one.txt()).isEqualTo("see https://bl.test/192.0.2.1");
    assertThat(one.removal()).isEqualTo("https://remove.example/");
    assertThat(one.health()).isEqualTo(ListHealth.OK);
    assertThat(r.anyListed()).isTrue();
    assertThat(r.checkedAt()).isEqualTo(clock.instant());
  }

  @Test
  void nxdomainIsClean() {
    zones.testPoints("bl.test");
    CheckReport r = checker(true, spamhausLike("bl.test")).check("192.0.2.1");
    assertThat(r.results().get(0).status()).isEqualTo(ListStatus.CLEAN);
    assertThat(r.anyListed()).isFalse();
  }

  @Test
  void refusalCodeIsRefusedNotListed() {
    zones.testPoints("bl.test").listed("bl.test", "192.0.2.1", "127.255.255.254", null);
    ListResult one = checker(false, spamhausLike("bl.test")).check("192.0.2.1").results().get(0);
    assertThat(one.status()).isEqualTo(ListStatus.REFUSED);
    assertThat(one.detail()).isEqualTo("public resolver");
  }

  @Test
  void dnsRefusedAndServfailAndTimeoutAreReported() {
    zones
        .rcode("refusing.test", Rcode.REFUSED)
        .rcode("failing.test", Rcode.SERVFAIL)
        .rcode("silent.test", FixtureZones.DROP);
    CheckReport r =
        checker(
                false,
                DnsblList.custom("refusing.test"),
                DnsblList.custom("failing.test"),
                DnsblList.custom("silent.test"))
            .check("192.0.2.1");
    assertThat(r.results())
        .extracting(ListResult::status)
        .containsExactly(ListStatus.REFUSED, ListStatus.ERROR, ListStatus.ERROR);
    assertThat(r.results().get(1).detail()).contains("SERVFAIL");
    assertThat(r.results().get(2).detail()).contains("timeout");
  }

  @Test
  void answerOutsideLoopbackIsAnError() {
    zones.listed("hijacked.test", "192.0.2.1", "198.51.100.7", null);
    ListResult one =
        checker(false, DnsblList.custom("hijacked.test")).check("192.0.2.1").results().get(0);
    assertThat(one.status()).isEqualTo(ListStatus.ERROR);
    assertThat(one.detail()).contains("outside 127.0.0.0/8");
  }

  @Test
  void listThatListsEverythingIsFlaggedAndItsListingDiscounted() {
    zones.wildcard("everything.test", "127.0.0.2");
    ListResult one =
        checker(true, DnsblList.custom("everything.test")).check("192.0.2.1").results().get(0);
    assertThat(one.health()).isEqualTo(ListHealth.LISTS_EVERYTHING);
    assertThat(one.status()).isEqualTo(ListStatus.ERROR);
    assertThat(one.detail()).contains("negative test point 127.0.0.1");
  }

  @Test
  void listThatListsNothingIsFlagged() {
    ListResult one =
        checker(true, DnsblList.custom("empty.test")).check("192.0.2.1").results().get(0);
    assertThat(one.health()).isEqualTo(ListHealth.LISTS_NOTHING);
    assertThat(one.status()).isEqualTo(ListStatus.CLEAN);
    assertThat(one.detail()).contains("may be dead");
  }

  @Test
  void domainTargetOnlyAsksDomainListsUsingTestAndInvalid() {
    DnsblList dbl =
        new DnsblList(
            "dbl.test",
            null,
            Set.of(TargetKind.DOMAIN),
            Map.of("127.0.1.2", "spam domain"),
            false,
            null,
            null,
            false,
            null,
            null,
            null);
    zones.testPoints("dbl.test").listed("dbl.test", "spam.example", "127.0.1.2", null);
    CheckReport r = checker(true, dbl, spamhausLike("bl.test")).check("SPAM.example");
    assertThat(r.results()).hasSize(1);
    assertThat(r.results().get(0).meanings()).containsExactly("spam domain");
    assertThat(r.results().get(0).health()).isEqualTo(ListHealth.OK);
  }

  @Test
  void listenerHearsEveryList() {
    List<Integer> seen = new ArrayList<>();
    checker(false, DnsblList.custom("a.test"), DnsblList.custom("b.test"))
        .check(Target.parse("192.0.2.1"), (res, done, total) -> seen.add(done * 10 + total));
    assertThat(seen).containsExactlyInAnyOrder(12, 22);
  }
}
