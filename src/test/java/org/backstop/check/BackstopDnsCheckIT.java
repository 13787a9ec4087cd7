package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backstop.cli.BackstopCommand;
import org.backstop.dns.DnsServer;
import org.backstop.dns.DnsServerConfig;
import org.backstop.zone.ZoneLoader;
import org.backstop.zone.ZoneSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The checker against Backstop's own DNS server (package dns) serving test blocklists loaded from
 * rbldnsd data files: the checker and the server agree on RFC 5782.
 */
class BackstopDnsCheckIT {

  @TempDir static Path dir;
  private static DnsServer server;

  private static final DnsblList OWN =
      new DnsblList(
          "bl.own.test",
          "Own test list",
          Set.of(TargetKind.IPV4, TargetKind.IPV6),
          Map.of("127.0.0.2", "spam source", "127.0.0.4", "exploited host"),
          false,
          Map.of("127.255.255.254", "public resolver"),
          "https://own.test/remove",
          false,
          null,
          null,
          null);

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(
        dir.resolve("v4.txt"),
        ":127.0.0.2:Listed by bl.own.test: $\n127.0.0.2\n192.0.2.1 :127.0.0.4:exploited host $\n"
            + "192.0.2.9 :127.255.255.254:refused\n");
    Files.writeString(
        dir.resolve("v6.txt"),
        ":127.0.0.2:Listed by bl.own.test: $\n::ffff:127.0.0.2\n2001:db8::66\n");
    Files.writeString(
        dir.resolve("dom.txt"), ":127.0.0.2:domain $ is listed\ntest\nspam.example\n");
    List<ZoneSpec> specs =
        ZoneSpec.parse(
            List.of(
                "bl.own.test:ip4set:" + dir.resolve("v4.txt"),
                "bl.own.test:ip6trie:" + dir.resolve("v6.txt"),
                "dbl.own.test:dnset:" + dir.resolve("dom.txt")));
    server = DnsServer.start(DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0)));
    ZoneLoader loader = new ZoneLoader(Clock.systemUTC());
    for (ZoneSpec s : specs) {
      ZoneLoader.Result r = loader.load(s);
      assertThat(r.problems()).as(s.origin()).isEmpty();
      server.publish(r.snapshot());
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static DnsblChecker checker() throws Exception {
    UdpDnsClient dns = new UdpDnsClient(server.address(), Duration.ofSeconds(2));
    return new DnsblChecker(
        dns,
        List.of(OWN, DnsblList.custom("dbl.own.test")),
        Clock.systemUTC(),
        Duration.ofSeconds(2),
        true);
  }

  @Test
  void listedAddressHasItsCodeMeaningAndTxtFromTheZoneFile() throws Exception {
    CheckReport r = checker().check("192.0.2.1");
    ListResult own = r.results().get(0);
    assertThat(own.status()).isEqualTo(ListStatus.LISTED);
    assertThat(own.codes()).containsExactly("127.0.0.4");
    assertThat(own.meanings()).containsExactly("exploited host");
    assertThat(own.txt()).isEqualTo("exploited host 192.0.2.1");
    assertThat(own.health()).isEqualTo(ListHealth.OK);
  }

  @Test
  void refusalCodeServedByTheZoneIsARefusal() throws Exception {
    assertThat(checker().check("192.0.2.9").results().get(0).status())
        .isEqualTo(ListStatus.REFUSED);
  }

  @Test
  void ipv6AndCleanAnswersAndHealthOfEachList() throws Exception {
    CheckReport v6 = checker().check("2001:db8::66");
    assertThat(v6.results().get(0).status()).isEqualTo(ListStatus.LISTED);
    assertThat(checker().check("2001:db8::67").results().get(0).status())
        .isEqualTo(ListStatus.CLEAN);

    CheckReport clean = checker().check("192.0.2.2");
    assertThat(clean.results())
        .extracting(ListResult::zone, ListResult::status, ListResult::health)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bl.own.test", ListStatus.CLEAN, ListHealth.OK),
            // a domain list asked about an address: 127.0.0.2 is not in it, and it says so
            org.assertj.core.groups.Tuple.tuple(
                "dbl.own.test", ListStatus.CLEAN, ListHealth.LISTS_NOTHING));
  }

  @Test
  void domainListWithTestEntryIsHealthy() throws Exception {
    CheckReport r = checker().check("spam.example");
    assertThat(r.results())
        .singleElement()
        .satisfies(
            x -> { // bl.own.test lists only addresses
              assertThat(x.zone()).isEqualTo("dbl.own.test");
              assertThat(x.status()).isEqualTo(ListStatus.LISTED);
              assertThat(x.txt()).isEqualTo("domain spam.example is listed");
              assertThat(x.health()).isEqualTo(ListHealth.OK);
            });
  }

  @Test
  void checkCommandAgainstBackstopsOwnServer() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new BackstopCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    int code =
        cl.execute(
            "check",
            "--only",
            "--dnsbl",
            "bl.own.test",
            "--dnsbl",
            "dbl.own.test",
            "--resolver",
            "127.0.0.1:" + server.address().getPort(),
            "192.0.2.1");
    assertThat(code).as(out.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains("TXT: exploited host 192.0.2.1")
        .contains("dbl.own.test: lists nothing");
  }
}
