package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.backstop.net.Cidr;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

class DnsServerIT {

  private static ZoneSnapshot zone(long serial, String... cidrs) {
    ZoneSnapshot.Builder b = ZoneSnapshot.builder("bl.test").serial(serial).ns(60, "ns1.bl.test");
    for (String c : cidrs) {
      b.add(Cidr.parse(c), Value.of("127.0.0.2", "listed $"));
    }
    return b.build();
  }

  private static SimpleResolver resolver(DnsServer s, boolean tcp) {
    SimpleResolver r = new SimpleResolver(s.address());
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(3));
    return r;
  }

  private static Message ask(SimpleResolver r, String name, int type) throws Exception {
    return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  @Test
  void answersOverUdpAndTcpAndSwapsSnapshots() throws Exception {
    try (DnsServer s = DnsServer.start(DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0)))) {
      s.publish(zone(1, "192.0.2.1"));
      for (boolean tcp : List.of(false, true)) {
        Message m = ask(resolver(s, tcp), "1.2.0.192.bl.test.", Type.TXT);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getSection(Section.ANSWER).get(0).rdataToString())
            .isEqualTo("\"listed 192.0.2.1\"");
      }
      s.publish(zone(2, "192.0.2.2"));
      assertThat(ask(resolver(s, false), "1.2.0.192.bl.test.", Type.A).getRcode())
          .isEqualTo(Rcode.NXDOMAIN);
      assertThat(ask(resolver(s, false), "2.2.0.192.bl.test.", Type.A).getRcode())
          .isEqualTo(Rcode.NOERROR);
    }
  }

  @Test
  void transfersTheZoneToAllowedClientsOnly() throws Exception {
    DnsServerConfig allowed =
        DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0))
            .withTransfer(List.of(Cidr.parse("127.0.0.0/8")), List.of());
    try (DnsServer s = DnsServer.start(allowed)) {
      s.publish(zone(7, "192.0.2.1", "198.51.100.0/24"));
      ZoneTransferIn xfr = ZoneTransferIn.newAXFR(Name.fromString("bl.test."), s.address(), null);
      xfr.run();
      List<Record> records = xfr.getAXFR();
      assertThat(records.get(0).getType()).isEqualTo(Type.SOA);
      assertThat(records.stream().map(r -> r.getName().toString()))
          .contains("1.2.0.192.bl.test.", "*.100.51.198.bl.test.", "2.0.0.127.bl.test.");
    }
    DnsServerConfig nobody = DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0));
    try (DnsServer s = DnsServer.start(nobody)) {
      s.publish(zone(7, "192.0.2.1"));
      ZoneTransferIn xfr = ZoneTransferIn.newAXFR(Name.fromString("bl.test."), s.address(), null);
      org.assertj.core.api.Assertions.assertThatThrownBy(xfr::run).hasMessageContaining("REFUSED");
    }
  }

  /**
   * Every UDP transport, with one thread and with several (epoll: one socket per thread with
   * SO_REUSEPORT), answers each of many clients' queries with the answer for its own name.
   */
  @Test
  void everyUdpTransportAnswersManyClientsAtOnce() throws Exception {
    for (DnsServerConfig.UdpTransport t : DnsServerConfig.UdpTransport.values()) {
      if (t == DnsServerConfig.UdpTransport.EPOLL && !EpollUdpServer.available()) {
        continue; // not Linux on a CPU that Netty ships the native transport for
      }
      for (int threads : new int[] {1, 3}) {
        DnsServerConfig c =
            DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0))
                .withUdpTransport(t)
                .withUdpThreads(threads);
        try (DnsServer s = DnsServer.start(c)) {
          s.publish(zone(1, "192.0.2.0/25"));
          // 12 clients (source ports) at once, so that SO_REUSEPORT spreads them over sockets
          List<java.util.concurrent.Callable<Void>> clients = new java.util.ArrayList<>();
          for (int client = 0; client < 12; client++) {
            int first = client * 20;
            clients.add(
                () -> {
                  SimpleResolver r = resolver(s, false);
                  for (int host = first; host < first + 20; host++) {
                    Message m = ask(r, host + ".2.0.192.bl.test.", Type.TXT);
                    if (host < 128) {
                      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
                      assertThat(m.getSection(Section.ANSWER).get(0).rdataToString())
                          .isEqualTo("\"listed 192.0.2." + host + "\"");
                    } else {
                      assertThat(m.getRcode()).as("%s %d", t, host).isEqualTo(Rcode.NXDOMAIN);
                    }
                  }
                  return null;
                });
          }
          java.util.concurrent.ExecutorService pool =
              java.util.concurrent.Executors.newFixedThreadPool(12);
          try {
            for (java.util.concurrent.Future<Void> f : pool.invokeAll(clients)) {
              f.get(); // rethrows a client's failed assertion
            }
          } finally {
            pool.shutdownNow();
          }
          // TCP is served beside any UDP transport
          assertThat(ask(resolver(s, true), "5.2.0.192.bl.test.", Type.A).getRcode())
              .isEqualTo(Rcode.NOERROR);
        }
      }
    }
  }

  @Test
  void theEpollTransportLoadsOnLinuxX8664() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64"));
    assertThat(EpollUdpServer.available())
        .as("epoll unavailable: %s", EpollUdpServer.unavailabilityCause())
        .isTrue();
  }
}
