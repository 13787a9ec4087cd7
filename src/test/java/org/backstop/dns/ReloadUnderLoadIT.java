package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.backstop.net.IpAddress;
import org.backstop.zone.ZoneLoader;
import org.backstop.zone.ZoneSpec;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Replaces a 1,000,000-entry data file while clients keep querying: every query is answered, the
 * new data is served after the reload, and the resident memory during the reload stays below 1.5
 * times the steady state. Also sends garbage over UDP and checks the server still answers.
 */
class ReloadUnderLoadIT {
  private static final int ENTRIES = 1_000_000;

  private static void writeData(Path file, long seed, int marker) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Random r = new Random(seed);
    try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
      w.write("$SOA 60 ns1.bl.test hostmaster.bl.test " + seed + " 60 60 600 30\n");
      w.write(":127.0.0.2:Listed $\n");
      w.write(IpAddress.ofV4(marker) + "\n");
      for (int i = 1; i < ENTRIES; i++) {
        w.write(IpAddress.ofV4(r.nextInt()).toString());
        w.write('\n');
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static long rssKb() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  @Test
  void everyQueryIsAnsweredWhileAMillionEntriesReload() throws Exception {
    Path dir = Files.createTempDirectory("reload");
    Path data = dir.resolve("bl.txt");
    int first = IpAddress.parse("192.0.2.1").v4();
    int second = IpAddress.parse("192.0.2.2").v4();
    writeData(data, 1, first);
    ZoneRegistry registry = new ZoneRegistry();
    ZoneWatcher watcher =
        new ZoneWatcher(
            ZoneSpec.parse(List.of("bl.test:ip4tset:" + data)),
            new ZoneLoader(Clock.systemUTC()),
            registry::publish);
    watcher.loadAll();
    System.gc();
    long steady = rssKb();
    try (DnsServer server =
        DnsServer.start(
            DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0)),
            registry,
            QueryHandler.QueryListener.NONE)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong answered = new AtomicLong();
      AtomicLong lost = new AtomicLong();
      AtomicLong sawSecond = new AtomicLong();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int seed = c;
        Thread t =
            new Thread(
                () ->
                    query(server.address(), seed, first, second, stop, answered, lost, sawSecond));
        t.start();
        clients.add(t);
      }
      long peak = steady;
      writeData(data, 2, second);
      Files.setLastModifiedTime(data, FileTime.fromMillis(System.currentTimeMillis() + 2000));
      Thread reload = new Thread(watcher::check);
      reload.start();
      while (reload.isAlive()) {
        peak = Math.max(peak, rssKb());
        reload.join(20);
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (sawSecond.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20); // poll until a client has seen the new data
      }
      stop.set(true);
      for (Thread t : clients) {
        t.join();
      }
      assertThat(sawSecond.get()).as("new data served").isPositive();
      assertThat(answered.get()).isGreaterThan(100);
      assertThat(lost.get()).as("unanswered queries").isZero();
      assertThat(peak)
          .as("peak RSS %d kB vs steady %d kB", peak, steady)
          .isLessThan(steady * 3 / 2);

      // garbage over UDP does not stop the server
      try (DatagramSocket s = new DatagramSocket()) {
        Random r = new Random(9);
        for (int i = 0; i < 20_000; i++) {
          byte[] junk = new byte[r.nextInt(300)];
          r.nextBytes(junk);
          s.send(new DatagramPacket(junk, junk.length, server.address()));
        }
      }
      AtomicLong again = new AtomicLong();
      AtomicBoolean once = new AtomicBoolean(true);
      query(server.address(), 7, first, second, once, again, lost, sawSecond);
      assertThat(again.get()).isEqualTo(1);
      assertThat(lost.get()).isZero();
    } finally {
      watcher.close();
    }
  }

  /** Asks listed and unlisted names until told to stop (at least once); counts answers. */
  private static void query(
      InetSocketAddress server,
      int seed,
      int first,
      int second,
      AtomicBoolean stop,
      AtomicLong answered,
      AtomicLong lost,
      AtomicLong sawSecond) {
    Random r = new Random(seed);
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(3000);
      byte[] buf = new byte[4096];
      do {
        int a =
            switch (r.nextInt(3)) {
              case 0 -> first;
              case 1 -> second;
              default -> r.nextInt();
            };
        Message q =
            Message.newQuery(
                Record.newRecord(
                    Name.fromString(IpAddress.ofV4(a).reversedName() + ".bl.test."),
                    Type.A,
                    DClass.IN));
        byte[] w = q.toWire();
        s.send(new DatagramPacket(w, w.length, server));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          s.receive(p);
          Message m = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
          if (m.getHeader().getID() != q.getHeader().getID()) {
            lost.incrementAndGet();
            continue;
          }
          answered.incrementAndGet();
          if (a == second && m.getRcode() == 0) {
            sawSecond.incrementAndGet();
          }
        } catch (SocketTimeoutException e) {
          lost.incrementAndGet();
        }
      } while (!stop.get());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
