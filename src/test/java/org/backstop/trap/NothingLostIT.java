package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * "Nothing lost": SIGKILL the trap while 1,000 messages stream in over 8 connections, restart it,
 * and check that every message that got a 250 is stored exactly once.
 */
class NothingLostIT {
  private static final int MESSAGES = 1000;
  private static final int CLIENTS = 8;
  private static final int KILL_AFTER = 300;

  @TempDir Path tmp;
  private volatile int port;

  private Process startChild() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                TrapChild.class.getName(),
                tmp.resolve("spool").toString(),
                tmp.resolve("sink.db").toString())
            .redirectError(tmp.resolve("child-stderr.log").toFile())
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT ")) {
      p.destroyForcibly();
      throw new AssertionError(
          "trap child did not start: "
              + line
              + "\n"
              + Files.readString(tmp.resolve("child-stderr.log")));
    }
    port = Integer.parseInt(line.substring(5).trim());
    return p;
  }

  @Test
  void everyAcknowledgedMessageIsStoredExactlyOnceAfterSigkill() throws Exception {
    Process child = startChild();
    Set<Integer> acked = ConcurrentHashMap.newKeySet();
    int[] ackedBeforeKill = new int[1];
    AtomicInteger next = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Void>> running = new java.util.ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        running.add(clients.submit(() -> stream(next, acked, deadline)));
      }
      while (acked.size() < KILL_AFTER && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      ackedBeforeKill[0] = acked.size();
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(137);
      assertThat(next.get()).as("the kill came while messages were streaming").isLessThan(MESSAGES);

      child = startChild();
      for (Future<Void> f : running) {
        f.get(120, TimeUnit.SECONDS);
      }
      assertThat(acked.size()).isGreaterThan(ackedBeforeKill[0]);
      awaitEmptySpool(deadline);
    } finally {
      clients.shutdownNow();
      child.getOutputStream().close(); // graceful stop of the second child
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }

    Map<Integer, Integer> stored = new HashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("sink.db"));
        Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq, COUNT(*) FROM deliveries GROUP BY seq")) {
      while (rs.next()) {
        stored.put(rs.getInt(1), rs.getInt(2));
      }
    }
    System.out.printf(
        "nothing-lost: %d of %d got 250 (%d before SIGKILL); %d stored, duplicates: %d%n",
        acked.size(),
        MESSAGES,
        ackedBeforeKill[0],
        stored.size(),
        stored.values().stream().filter(n -> n > 1).count());
    for (int seq : acked) {
      assertThat(stored.get(seq)).as("message %d got 250", seq).isEqualTo(1);
    }
    assertThat(stored.values()).allMatch(n -> n == 1);
    // Only the messages in flight at the kill (one per connection) may lack a 250.
    assertThat(acked.size()).isGreaterThanOrEqualTo(MESSAGES - CLIENTS);
  }

  /** One client: sends numbered messages until all are taken, reconnecting after the crash. */
  private Void stream(AtomicInteger next, Set<Integer> acked, long deadline) throws Exception {
    while (System.nanoTime() < deadline) {
      try (SmtpTestClient c = new SmtpTestClient(port)) {
        SmtpTestClient.expect(c.reply(), "220");
        SmtpTestClient.expect(c.command("EHLO load.test"), "250");
        while (true) {
          int seq = next.getAndIncrement();
          if (seq >= MESSAGES) {
            return null;
          }
          String reply =
              c.deliver(
                  "",
                  "t" + seq + "@trap.example",
                  "Subject: n\r\nX-Seq: " + seq + "\r\n\r\nbody " + seq);
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
        if (!(e instanceof java.net.ConnectException)) {
          System.out.println("nothing-lost: connection lost: " + e);
        }
        // The server died under us: this message got no 250; reconnect to the new server.
        Thread.sleep(20); // brief pause before reconnecting, as an MTA would
      }
    }
    throw new AssertionError("load did not finish in time");
  }

  private void awaitEmptySpool(long deadline) throws IOException, InterruptedException {
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(tmp.resolve("spool"))) {
        if (files.noneMatch(p -> p.toString().endsWith(Spool.SPOOLED))) {
          return;
        }
      }
      Thread.sleep(50); // polling the child's spool, which is in another process
    }
    throw new AssertionError("spool not drained in time");
  }
}
