package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.backstop.check.CheckReport;
import org.backstop.check.CheckStore;
import org.backstop.check.ListHealth;
import org.backstop.check.ListResult;
import org.backstop.check.ListStatus;
import org.backstop.check.TargetKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code backstop serve} wires the check page to its resolver and the monitor page to a store. */
class ServeCheckPagesIT {
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private BackstopServer server;
  // Stands in for the resolver so that nothing can leave loopback; no check is run here.
  private DatagramSocket resolver;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (resolver != null) {
      resolver.close();
    }
  }

  private ServeSettings parse(String... args) throws Exception {
    ServeCommand cmd = new ServeCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.settings();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void resolverAndMonitorDbComeFromFlagsOrConfig() throws Exception {
    assertThat(parse().checkResolver()).isNull();
    assertThat(parse().monitorDb()).isNull();
    Path f = dir.resolve("backstop.properties");
    Files.writeString(f, "resolver = 127.0.0.1:5300\nmonitor-db = jdbc:sqlite:m.db\n");
    ServeSettings s = parse("--config", f.toString());
    assertThat(s.checkResolver()).isEqualTo("127.0.0.1:5300");
    assertThat(s.monitorDb()).isEqualTo("jdbc:sqlite:m.db");
    assertThat(parse("--config", f.toString(), "--resolver", "[::1]:53").checkResolver())
        .isEqualTo("[::1]:53");
    assertThatThrownBy(() -> parse("--resolver", "dns.example:53"))
        .hasMessageContaining("resolver must be an IP address");
  }

  @Test
  void serveShowsTheCheckFormAndTheMonitorHistory() throws Exception {
    resolver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    String monitorDb = "jdbc:sqlite:" + dir.resolve("monitor.db");
    CheckStore store = CheckStore.open(monitorDb);
    store.record(
        new CheckReport(
            "192.0.2.9",
            TargetKind.IPV4,
            Instant.parse("2026-11-28T11:00:00Z"),
            12,
            List.of(
                new ListResult(
                    "bl.example.test",
                    "Example",
                    ListStatus.LISTED,
                    List.of("127.0.0.2"),
                    List.of("spam source"),
                    "listed <now>",
                    null,
                    null,
                    ListHealth.OK,
                    3))));
    ServeSettings s =
        parse(
            "--data",
            dir.resolve("data").toString(),
            "--dns-listen",
            "127.0.0.1:0",
            "--smtp-listen",
            "127.0.0.1:0",
            "--http-listen",
            "127.0.0.1:0",
            "--resolver",
            "127.0.0.1:" + resolver.getLocalPort(),
            "--monitor-db",
            monitorDb);
    server = new BackstopServer(s, java.time.Clock.systemUTC()).start();

    var form = get("/check");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("action=\"/check\"").contains("href=\"/check\"");
    assertThat(get("/api/v1/check/not..valid").statusCode()).isEqualTo(400);
    String monitor = get("/monitor").body();
    assertThat(monitor)
        .contains("192.0.2.9")
        .contains("listed: bl.example.test")
        .contains("listed &lt;now&gt;");
  }
}
