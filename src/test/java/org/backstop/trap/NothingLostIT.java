package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing lost": {@code backstop serve} is killed with SIGKILL while 1,000 bounces stream in over
 * 8 connections, then restarted on the same data directory; every message that got a 250 must be in
 * the database exactly once. Each message is presented through XCLIENT from its own address, so the
 * reports table tells the messages apart.
 */
class NothingLostIT {
  private static final int MESSAGES = 1000;
  private static final int CLIENTS = 8;
  private static final int KILL_AFTER = 300;

  @TempDir Path tmp;
  private final int smtp = freePort();
  private final int dns = freePort();
  private final int http = freePort();

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The client address that carries message {@code seq}: public, so never exempt from listing. */
  static String address(int seq) {
    return "100.0." + (seq >> 8) + "." + (seq & 255);
  }

  private Process startServe() throws Exception {
    String jar = System.getProperty("backstop.jar", "target/backstop.jar");
    if (!Files.exists(Path.of(jar))) {
      throw new AssertionError("no " + jar + ": run mvn verify (package comes before the ITs)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-jar",
                jar,
                "serve",
                "--data",
                tmp.resolve("data").toString(),
                "--trap-domain",
                "trap.example",
                "--smtp-listen",
                "127.0.0.1:" + smtp,
                "--dns-listen",
                "127.0.0.1:" + dns,
                "--http-listen",
                "127.0.0.1:" + http)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("serve.log").toFile()))
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (SmtpTestClient c = new SmtpTestClient(smtp)) {
        if (c.reply() != null) {
          return p;
        }
      } catch (IOException e) {
        Thread.sleep(100); // the server is still starting; poll its port
      }
    }
    p.destroyForcibly();
    throw new AssertionError(
        "backstop serve did not open the SMTP port:\n"
            + Files.readString(tmp.resolve("serve.log")));
  }

  @Test
  void everyAcknowledgedMessageIsStoredExactlyOnceAfterSigkill() throws Exception {
    Process serve = startServe();
    Set<Integer> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    int ackedBeforeKill;
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        running.add(clients.submit(() -> stream(next, acked, deadline)));
      }
      while (acked.size() < KILL_AFTER && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      ackedBeforeKill = acked.size();
      serve.destroyForcibly(); // SIGKILL: no shutdown hook, no flushing, no goodbye
      assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(serve.exitValue()).isEqualTo(137);
      assertThat(next.get()).as("killed while messages were streaming").isLessThan(MESSAGES);

      serve = startServe();
      for (Future<Void> f : running) {
        f.get(240, TimeUnit.SECONDS);
      }
      assertThat(acked.size()).isGreaterThan(ackedBeforeKill);
      awaitEmptySpool(deadline);
    } finally {
      clients.shutdownNow();
      serve.destroy(); // SIGTERM: the clean shutdown
      if (!serve.waitFor(60, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }

    Map<String, Integer> reports = new HashMap<>();
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/backstop.db"));
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT ip, COUNT(*) FROM reports GROUP BY ip")) {
      while (rs.next()) {
        reports.put(rs.getString(1), rs.getInt(2));
      }
    }
    System.out.printf(
        "nothing-lost: %d of %d got 250 (%d before SIGKILL); %d stored, duplicates: %d%n",
        acked.size(),
        MESSAGES,
        ackedBeforeKill,
        reports.size(),
        reports.values().stream().filter(n -> n > 1).count());
    for (int seq : acked) {
      assertThat(reports.get(address(seq))).as("message %d got 250", seq).isEqualTo(1);
    }
    assertThat(reports.values()).allMatch(n -> n == 1);
    // Only the messages in flight at the kill (one per connection) may lack a 250.
    assertThat(acked.size()).isGreaterThanOrEqualTo(MESSAGES - CLIENTS);
  }

  /** One client: sends numbered bounces until all are taken, reconnecting after the crash. */
  private Void stream(AtomicInteger next, Set<Integer> acked, long deadline) throws Exception {
    while (System.nanoTime() < deadline) {
      try (SmtpTestClient c = new SmtpTestClient(smtp)) {
        SmtpTestClient.expect(c.reply(), "220");
        while (true) {
          int seq = next.getAndIncrement();
          if (seq >= MESSAGES) {
            return null;
          }
          String reply = send(c, seq);
          if (reply == null) {
            throw new IOException("connection closed while message " + seq + " was in flight");
          }
          if (reply.startsWith("250")) {
            acked.add(seq);
          } else {
            System.out.println("nothing-lost: message " + seq + " answered " + reply);
          }
        }
      } catch (IOException | AssertionError e) {
        if (!(e instanceof ConnectException)) {
          System.out.println("nothing-lost: connection lost: " + e);
        }
        Thread.sleep(20); // brief pause before reconnecting, as an MTA would
      }
    }
    throw new AssertionError("load did not finish in time");
  }

  private static String send(SmtpTestClient c, int seq) throws IOException {
    String x = c.command("XCLIENT ADDR=" + address(seq) + " HELO=mx" + seq + ".victim.example");
    if (x == null) {
      return null;
    }
    SmtpTestClient.expect(x, "220");
    SmtpTestClient.expect(c.command("EHLO front.test"), "250");
    String dsn =
        TrapServerIT.DSN.replace("nobody@victim.example", "nobody" + seq + "@victim.example");
    return c.deliver("", "trap" + seq + "@trap.example", dsn);
  }

  private void awaitEmptySpool(long deadline) throws IOException, InterruptedException {
    Path spool = tmp.resolve("data/spool");
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(spool)) {
        if (files.noneMatch(p -> p.toString().endsWith(Spool.SEGMENT))) {
          return;
        }
      }
      Thread.sleep(50); // the spool belongs to another process: poll it
    }
    throw new AssertionError("spool not drained in time");
  }
}
