package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checker against a real UDP DNS server on loopback with slow zones. */
class DnsblCheckerIT {

  private static final int LISTS = 60;
  private final FixtureZones zones = new FixtureZones();
  private FixtureDnsServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FixtureDnsServer(zones);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void sixtyListsAnsweringAfter50msAreAllCheckedInUnderOneSecond() throws Exception {
    List<DnsblList> lists = new ArrayList<>();
    for (int i = 0; i < LISTS; i++) {
      String zone = "bl" + i + ".slow.test";
      zones.testPoints(zone);
      if (i % 10 == 0) {
        zones.listed(zone, "192.0.2.1", "127.0.0.2", "listed by " + zone);
      }
      lists.add(DnsblList.custom(zone));
    }
    zones.delay("slow.test", Duration.ofMillis(50));
    DnsblChecker checker =
        new DnsblChecker(
            server.client(Duration.ofSeconds(2)),
            lists,
            Clock.systemUTC(),
            Duration.ofSeconds(2),
            true);
    checker.check("192.0.2.99"); // warm up: class loading and the NIO selector thread

    long t0 = System.nanoTime();
    CheckReport r = checker.check("192.0.2.1");
    long millis = (System.nanoTime() - t0) / 1_000_000;

    System.out.printf(
        "check: %d lists (+2 test points each), 50 ms per answer: %d ms%n", LISTS, millis);
    assertThat(r.results()).hasSize(LISTS);
    assertThat(r.count(ListStatus.LISTED)).isEqualTo(6);
    assertThat(r.count(ListStatus.CLEAN)).isEqualTo(54);
    assertThat(r.results()).allMatch(x -> x.health() == ListHealth.OK);
    assertThat(r.results()).allMatch(x -> x.millis() >= 50);
    assertThat(r.listed()).allMatch(x -> x.txt().startsWith("listed by "));
    assertThat(millis).isLessThan(1000);
  }

  @Test
  void slowListTimesOutWhileOthersAnswer() throws Exception {
    zones.testPoints("fast.test").listed("fast.test", "192.0.2.1", "127.0.0.2", null);
    zones.testPoints("slow.test").delay("slow.test", Duration.ofSeconds(3));
    DnsblChecker checker =
        new DnsblChecker(
            server.client(Duration.ofMillis(300)),
            List.of(DnsblList.custom("fast.test"), DnsblList.custom("slow.test")),
            Clock.systemUTC(),
            Duration.ofMillis(300),
            false);
    CheckReport r = checker.check("192.0.2.1");
    assertThat(r.results())
        .extracting(ListResult::status)
        .containsExactly(ListStatus.LISTED, ListStatus.ERROR);
    assertThat(r.results().get(1).detail()).contains("timeout");
    assertThat(r.millis()).isLessThan(2000);
  }
}
