package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The monitor end to end: fixture DNS, a webhook receiver and an SMTP relay on loopback, a SQLite
 * store, and a clock moved by hand.
 */
class MonitorIT {

  private static final String ZONE = "bl.monitor.test";
  private static final String TARGET = "192.0.2.7";

  private final FixtureZones zones = new FixtureZones();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private final BlockingQueue<String> webhook = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> mails = new LinkedBlockingQueue<>();
  private FixtureDnsServer dns;
  private HttpServer http;
  private SMTPServer relay;
  private CheckStore store;
  private Monitor monitor;

  @BeforeEach
  void start() throws Exception {
    dns = new FixtureDnsServer(zones);
    zones.testPoints(ZONE);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/hook",
        ex -> {
          webhook.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    http.start();
    relay =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getLoopbackAddress())
            .messageHandler(
                (ctx, from, to, data) -> mails.add(new String(data, StandardCharsets.UTF_8)))
            .build();
    relay.start();
    store = CheckStore.open(TestDatabases.sqlite());
    DnsblChecker checker =
        new DnsblChecker(
            dns.client(Duration.ofSeconds(2)),
            List.of(DnsblList.custom(ZONE)),
            clock,
            Duration.ofSeconds(2),
            true);
    URI hook = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hook");
    monitor =
        new Monitor(
            checker,
            store,
            List.of(Target.parse(TARGET)),
            Duration.ofHours(1),
            clock,
            List.of(
                new WebhookAlertSink(hook, Duration.ofSeconds(5)),
                new EmailAlertSink(
                    "127.0.0.1",
                    relay.getPortAllocated(),
                    "backstop@monitor.test",
                    List.of("ops@monitor.test"),
                    "monitor.test",
                    clock)));
  }

  @AfterEach
  void stop() {
    relay.stop();
    http.stop(0);
    dns.close();
  }

  @Test
  void alertsByWebhookAndMailWhenListingChangesAndKeepsHistory() throws Exception {
    assertThat(monitor.runDue()).isEmpty(); // first check: clean, nothing to say
    assertThat(store.runs(TARGET, 10)).hasSize(1);

    zones.listed(ZONE, TARGET, "127.0.0.3", "listed for backscatter");
    clock.advance(Duration.ofMinutes(30));
    int asked = zones.questions.get();
    assertThat(monitor.runDue()).isEmpty(); // not due yet: no DNS traffic at all
    assertThat(zones.questions.get()).isEqualTo(asked);

    clock.advance(Duration.ofMinutes(30));
    List<ListingChange> listed = monitor.runDue();
    assertThat(listed)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.to()).isEqualTo(ListStatus.LISTED);
              assertThat(c.from()).isEqualTo(ListStatus.CLEAN);
              assertThat(c.at()).isEqualTo(clock.instant());
            });
    JsonNode hook = Json.mapper().readTree(webhook.poll(10, TimeUnit.SECONDS));
    assertThat(hook.get("event").asText()).isEqualTo("listing-change");
    assertThat(hook.get("changes").get(0).get("target").asText()).isEqualTo(TARGET);
    assertThat(hook.get("changes").get(0).get("to").asText()).isEqualTo("LISTED");
    assertThat(hook.get("changes").get(0).get("txt").asText()).isEqualTo("listed for backscatter");
    String mail = mails.poll(10, TimeUnit.SECONDS);
    assertThat(mail)
        .contains("Subject: Backstop: 192.0.2.7 is now listed on bl.monitor.test")
        .contains("To: ops@monitor.test")
        .contains("TXT: listed for backscatter");

    zones.remove(DnsblChecker.testName(TARGET, DnsblList.custom(ZONE)));
    clock.advance(Duration.ofHours(1));
    assertThat(monitor.runDue())
        .singleElement()
        .satisfies(c -> assertThat(c.to()).isEqualTo(ListStatus.CLEAN));
    assertThat(webhook.poll(10, TimeUnit.SECONDS)).contains("\"to\" : \"CLEAN\"");
    assertThat(mails.poll(10, TimeUnit.SECONDS)).contains("is no longer listed on bl.monitor.test");

    assertThat(store.changes(TARGET, 10))
        .extracting(ListingChange::to)
        .containsExactly(ListStatus.CLEAN, ListStatus.LISTED);
    assertThat(store.runs(TARGET, 10)).hasSize(3);
    assertThat(webhook).isEmpty();
    assertThat(mails).isEmpty();
  }

  private static int cli(java.io.StringWriter out, String... args) {
    picocli.CommandLine cl = new picocli.CommandLine(new org.backstop.cli.BackstopCommand());
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(out, true));
    return cl.execute(args);
  }

  @Test
  void monitorCommandOnceAlertsExitsOneAndShowsHistory() throws Exception {
    zones.listed(ZONE, TARGET, "127.0.0.2", null);
    String db = TestDatabases.sqlite();
    String[] common = {
      "monitor",
      "--target",
      TARGET,
      "--target",
      "192.0.2.8",
      "--only",
      "--dnsbl",
      ZONE,
      "--resolver",
      dns.hostPort(),
      "--db",
      db
    };
    var out = new java.io.StringWriter();
    String[] once =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(common),
                java.util.stream.Stream.of(
                    "--once",
                    "--webhook",
                    "http://127.0.0.1:" + http.getAddress().getPort() + "/hook",
                    "--smtp-relay",
                    "127.0.0.1:" + relay.getPortAllocated(),
                    "--mail-to",
                    "ops@monitor.test"))
            .toArray(String[]::new);
    assertThat(cli(out, once)).as(out.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "192.0.2.7 is now listed on bl.monitor.test",
            "192.0.2.7: listed on bl.monitor.test",
            "192.0.2.8: not listed");
    assertThat(webhook.poll(10, TimeUnit.SECONDS)).contains(TARGET);
    assertThat(mails.poll(10, TimeUnit.SECONDS))
        .contains("Subject: Backstop: 192.0.2.7 is now listed");

    var hist = new java.io.StringWriter();
    String[] h =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(common), java.util.stream.Stream.of("--history"))
            .toArray(String[]::new);
    assertThat(cli(hist, h)).isEqualTo(0);
    assertThat(hist.toString())
        .contains(
            "192.0.2.7: last checked", "listed on 1 list(s)", "is now listed on bl.monitor.test");
    assertThat(cli(new java.io.StringWriter(), "monitor", "--target", "nonsense!", "--once"))
        .isEqualTo(2);
    assertThat(
            cli(new java.io.StringWriter(), "monitor", "--target", TARGET, "--mail-to", "a@b.test"))
        .isEqualTo(2);
  }

  @Test
  void startedMonitorChecksOnItsOwnAndStopsWhenCancelled() throws Exception {
    var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      var running = monitor.start(executor, Duration.ofMillis(20));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (store.runs(TARGET, 10).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20); // poll interval of a poll with a deadline
      }
      assertThat(store.runs(TARGET, 10)).hasSize(1); // not due again until the clock moves
      clock.advance(Duration.ofHours(1));
      while (store.runs(TARGET, 10).size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20); // poll interval of a poll with a deadline
      }
      assertThat(store.runs(TARGET, 10)).hasSize(2);
      running.cancel(false);
      assertThat(running.isCancelled()).isTrue();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aFailingAlertSinkDoesNotStopTheMonitor() {
    Monitor m =
        new Monitor(
            new DnsblChecker(
                dns.clientUnchecked(Duration.ofSeconds(2)),
                List.of(DnsblList.custom(ZONE)),
                clock,
                Duration.ofSeconds(2),
                false),
            store,
            List.of(Target.parse(TARGET)),
            Duration.ofHours(1),
            clock,
            List.of(
                changes -> {
                  throw new java.io.IOException("webhook down");
                }));
    zones.listed(ZONE, TARGET, "127.0.0.2", null);
    assertThat(m.runDue()).hasSize(1);
    clock.advance(Duration.ofHours(1));
    assertThat(m.runDue()).isEmpty();
    assertThat(store.runs(TARGET, 10)).hasSize(2);
  }
}
