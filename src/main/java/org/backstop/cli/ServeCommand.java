package org.backstop.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backstop serve}: the blocklist service in one process. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the blocklist service: spam trap (SMTP), DNS zone, web site and JSON API, expiry.",
      "Settings come from embedded defaults, then --config FILE, then flags.",
      "Stops cleanly on SIGTERM or Ctrl-C."
    })
public final class ServeCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(
      names = "--zone",
      paramLabel = "NAME",
      description = "DNSBL zone (default: bl.backstop.local).")
  String zone;

  @Option(
      names = "--trap-domain",
      paramLabel = "NAME",
      description = "A trap domain; repeat for more (default: trap.backstop.local).")
  List<String> trapDomains;

  @Option(
      names = "--dns-listen",
      paramLabel = "ADDR:PORT",
      description = "DNS (default: 127.0.0.1:5353).")
  String dnsListen;

  @Option(
      names = "--smtp-listen",
      paramLabel = "ADDR:PORT",
      description = "Trap SMTP (default: 127.0.0.1:2525).")
  String smtpListen;

  @Option(
      names = "--http-listen",
      paramLabel = "ADDR:PORT",
      description = "Web (default: 127.0.0.1:8080).")
  String httpListen;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description = "The web site's public address, for TXT links.")
  String publicUrl;

  @Option(
      names = "--resolver",
      paramLabel = "ADDR:PORT",
      description = "DNS server of the web check page (default: the system's).")
  String resolver;

  @Option(
      names = "--monitor-db",
      paramLabel = "JDBC_URL",
      description = "backstop monitor's history (its --db), shown at /monitor.")
  String monitorDb;

  /** Settings from defaults, the config file and the flags. */
  ServeSettings settings() throws Exception {
    SettingsBuilder b = store.builder();
    if (zone != null) {
      b.zone = zone;
    }
    if (trapDomains != null && !trapDomains.isEmpty()) {
      b.trapDomains = trapDomains;
    }
    if (dnsListen != null) {
      b.dns = HostPort.parse(dnsListen);
    }
    if (smtpListen != null) {
      b.smtp = HostPort.parse(smtpListen);
    }
    if (httpListen != null) {
      b.http = HostPort.parse(httpListen);
    }
    if (publicUrl != null) {
      b.publicUrl = publicUrl;
    }
    if (resolver != null) {
      b.resolver = resolver;
    }
    if (monitorDb != null) {
      b.monitorDb = monitorDb;
    }
    return b.build();
  }

  @Override
  public Integer call() throws Exception {
    BackstopServer server = new BackstopServer(settings(), Clock.systemUTC()).start();
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM and Ctrl-C run shutdown hooks: stop the front doors, flush, close the database.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "backstop-shutdown"));
    stopped.await();
    return 0;
  }
}
