package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.backstop.zone.Soa;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Starts NSD as a secondary of Backstop: NSD transfers the zone by AXFR, answers a sample of
 * questions as Backstop does, and transfers again after a NOTIFY for a new serial.
 */
class NsdSecondaryIT {
  private static final Value SINGLE = Value.of("127.0.0.2", "Listed, see https://bl.test/?ip=$");
  private static final Value NETWORK = Value.of("127.0.0.3", "network listed");

  private static ZoneSnapshot zone(long serial, List<Integer> singles) {
    ZoneSnapshot.Builder b =
        ZoneSnapshot.builder("bl.test")
            .soa(new Soa(60, "ns1.bl.test", "hostmaster.bl.test", 0, 60, 10, 3600, 30))
            .serial(serial)
            .ns(60, "ns1.bl.test");
    for (int a : singles) {
      b.add(IpAddress.ofV4(a), SINGLE);
    }
    b.add(Cidr.parse("198.51.100.0/24"), NETWORK);
    b.add(Cidr.parse("10.20.0.0/16"), NETWORK);
    b.add(Cidr.parse("2001:db8::1"), SINGLE);
    return b.build();
  }

  @Test
  void nsdTransfersAndAnswersAlike() throws Exception {
    String nsd = Peers.require("nsd", "nsd");
    Random random = new Random(5);
    List<Integer> singles = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      singles.add(0xC0000000 | random.nextInt(1 << 16)); // 192.0.x.y
    }
    Path dir = Peers.worldReadableDir("nsd-secondary");
    DnsServerConfig config =
        DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0))
            .withTransfer(List.of(Cidr.parse("127.0.0.1/32")), List.of());
    int nsdPort = Peers.freePort();
    DnsServerConfig withNotify =
        config.withTransfer(
            config.transferAllowed(), List.of(new InetSocketAddress("127.0.0.1", nsdPort)));
    Process p = null;
    try (DnsServer backstop = DnsServer.start(withNotify)) {
      backstop.publish(zone(100, singles));
      String conf =
          """
          server:
            ip-address: 127.0.0.1@%1$d
            port: %1$d
            do-ip6: no
            username: ""
            chroot: ""
            zonesdir: "%2$s"
            database: ""
            pidfile: "%2$s/nsd.pid"
            xfrdfile: "%2$s/xfrd.state"
            zonelistfile: "%2$s/zone.list"
            logfile: "%2$s/nsd.log"
            verbosity: 2
            server-count: 1
          remote-control:
            control-enable: no
          zone:
            name: bl.test
            zonefile: "bl.test.zone"
            request-xfr: AXFR 127.0.0.1@%3$d NOKEY
            allow-notify: 127.0.0.1 NOKEY
          """
              .formatted(nsdPort, dir, backstop.address().getPort());
      Path confFile = Peers.writeReadable(dir.resolve("nsd.conf"), conf);
      p =
          new ProcessBuilder(nsd, "-d", "-c", confFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("nsd.out").toFile())
              .start();
      SimpleResolver secondary = Peers.resolver(nsdPort);
      SimpleResolver primary = Peers.resolver(backstop.address().getPort());
      awaitSerial(secondary, 100, p, dir);

      List<String> names = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        names.add(IpAddress.ofV4(singles.get(i)).reversedName());
        names.add(IpAddress.ofV4(0xC0000000 | random.nextInt(1 << 16)).reversedName());
        names.add(IpAddress.ofV4(0xC6336400 | random.nextInt(256)).reversedName());
        names.add(IpAddress.ofV4(0x0A140000 | random.nextInt(1 << 16)).reversedName());
      }
      names.add("2.0.0.127");
      names.add("1.0.0.127");
      names.add(IpAddress.parse("2001:db8::1").reversedName());
      names.add(IpAddress.parse("2001:db8::2").reversedName());
      for (String n : names) {
        for (int type : new int[] {Type.A, Type.TXT}) {
          String q = n + ".bl.test.";
          assertThat(
                  RbldnsdComparisonIT.summary(
                      Peers.ask(secondary, q, type, Duration.ofSeconds(5)), type))
              .as(q + " " + Type.string(type))
              .isEqualTo(
                  RbldnsdComparisonIT.summary(
                      Peers.ask(primary, q, type, Duration.ofSeconds(5)), type));
        }
      }

      // a new serial: Backstop sends NOTIFY, NSD transfers again
      int added = 0x0B0B0B0B;
      List<Integer> more = new ArrayList<>(singles);
      more.add(added);
      backstop.publish(zone(101, more));
      awaitSerial(secondary, 101, p, dir);
      String q = IpAddress.ofV4(added).reversedName() + ".bl.test.";
      assertThat(
              RbldnsdComparisonIT.summary(
                  Peers.ask(secondary, q, Type.A, Duration.ofSeconds(5)), Type.A))
          .isEqualTo("NOERROR [A 127.0.0.2]");
    } finally {
      Peers.stop(p);
    }
  }

  private static void awaitSerial(SimpleResolver r, long serial, Process p, Path dir)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("nsd running; log: " + log(dir)).isTrue();
      try {
        Message m = Peers.ask(r, "bl.test.", Type.SOA, Duration.ofSeconds(2));
        var answer = m.getSection(Section.ANSWER);
        if (!answer.isEmpty() && ((SOARecord) answer.get(0)).getSerial() == serial) {
          return;
        }
      } catch (java.io.IOException e) {
        // not up yet
      }
      Thread.sleep(100); // poll with a deadline: NSD has no readiness signal
    }
    throw new AssertionError("NSD never served serial " + serial + "; log: " + log(dir));
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("nsd.log")) + Files.readString(dir.resolve("nsd.out"));
    } catch (java.io.IOException e) {
      return "(no log)";
    }
  }
}
