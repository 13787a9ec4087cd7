package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNSBL scoring through dnsjava against a real rbldnsd serving two zones on loopback. */
class DnsblRbldnsdIT {
  @TempDir static Path dir;
  static Process rbldnsd;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    PostfixInstance.requireTool("rbldnsd");
    // rbldnsd drops root for its own user, which must read the zone files.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        dir.resolve("bl.zone"), "192.0.2.0/25 :127.0.0.2:listed\n192.0.2.200 :127.0.0.10:x\n");
    Files.writeString(dir.resolve("wl.zone"), "192.0.2.150 :127.0.10.1:known good\n");
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    rbldnsd =
        new ProcessBuilder(
                "rbldnsd",
                "-n",
                "-b",
                "127.0.0.1/" + port,
                "-w",
                dir.toString(),
                "-t",
                "600",
                "bl.test:ip4set:bl.zone",
                "wl.test:ip4set:wl.zone")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rbldnsd.log").toFile())
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (rbldnsd != null) {
      rbldnsd.destroy();
      rbldnsd.waitFor();
    }
  }

  private DnsblScore score(DnsblScorer s, String ip) throws Exception {
    // rbldnsd answers as soon as its zones are loaded: poll with a deadline until it does.
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      DnsblScore sc = s.score(IpAddress.parse(ip));
      if (sc.unanswered() == 0 || System.nanoTime() > deadline) {
        return sc;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void scoresListedUnlistedAndAllowlistedClients() throws Exception {
    DnsblScorer s =
        new DnsblScorer(
            List.of(
                DnsblSite.parse("bl.test=127.0.0.[2..9]*2"),
                DnsblSite.parse("bl.test=127.0.0.10*5"),
                DnsblSite.parse("wl.test=127.0.[0..255].1*-3")),
            DnsjavaLookup.server(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(1)),
            Clock.systemUTC(),
            Duration.ofSeconds(2));
    DnsblScore listed = score(s, "192.0.2.7");
    assertThat(listed.unanswered()).as(Files.readString(dir.resolve("rbldnsd.log"))).isZero();
    assertThat(listed.score()).isEqualTo(2);
    assertThat(listed.listedOn()).containsExactly("bl.test=127.0.0.[2..9]*2");
    assertThat(score(s, "192.0.2.200").score()).isEqualTo(5);
    assertThat(score(s, "192.0.2.150").score()).isEqualTo(-3);
    assertThat(score(s, "198.51.100.1").score()).isZero();
    // Each name was asked once and is now cached: the answers survive rbldnsd going away.
    int cached = s.cachedNames();
    rbldnsd.destroy();
    rbldnsd.waitFor();
    assertThat(s.score(IpAddress.parse("192.0.2.7")).score()).isEqualTo(2);
    assertThat(s.cachedNames()).isEqualTo(cached);
  }
}
