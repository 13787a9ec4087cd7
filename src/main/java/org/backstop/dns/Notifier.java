package org.backstop.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.backstop.zone.ZoneSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Tells secondaries that a zone changed (DNS NOTIFY, RFC 1996): a NOTIFY message with the new SOA,
 * retried up to 5 times, 2 seconds apart, until the secondary acknowledges. Runs on one background
 * thread so publishing never waits for a secondary.
 */
final class Notifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);
  private final List<InetSocketAddress> secondaries;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "dns-notify");
            t.setDaemon(true);
            return t;
          });

  Notifier(List<InetSocketAddress> secondaries) {
    this.secondaries = secondaries;
  }

  void zoneChanged(ZoneSnapshot s) {
    if (secondaries.isEmpty()) {
      return;
    }
    executor.execute(
        () -> {
          for (InetSocketAddress to : secondaries) {
            try {
              send(s, to);
            } catch (Exception e) {
              log.warn("NOTIFY for {} to {} failed: {}", s.origin(), to, e.toString());
            }
          }
        });
  }

  private static void send(ZoneSnapshot s, InetSocketAddress to) throws IOException {
    Message m = new Message();
    m.getHeader().setOpcode(Opcode.NOTIFY);
    m.getHeader().setFlag(Flags.AA);
    var soa = ZoneTransfer.soaRecord(s);
    m.addRecord(Record.newRecord(soa.getName(), Type.SOA, DClass.IN), Section.QUESTION);
    m.addRecord(soa, Section.ANSWER);
    byte[] wire = m.toWire();
    try (DatagramSocket sock = new DatagramSocket()) {
      sock.setSoTimeout(2000);
      for (int attempt = 0; attempt < 5; attempt++) {
        sock.send(new DatagramPacket(wire, wire.length, to));
        byte[] buf = new byte[512];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          while (true) {
            sock.receive(p);
            if (p.getLength() >= 12
                && QueryHandler.u16(buf, 0) == m.getHeader().getID()
                && (buf[2] & 0x80) != 0) {
              log.info("NOTIFY {} serial {} acknowledged by {}", s.origin(), s.serial(), to);
              return;
            }
          }
        } catch (SocketTimeoutException e) {
          // retry
        }
      }
      log.warn("NOTIFY {} serial {}: no answer from {}", s.origin(), s.serial(), to);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
