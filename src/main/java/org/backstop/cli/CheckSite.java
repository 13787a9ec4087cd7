package org.backstop.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import org.backstop.check.CheckStore;
import org.backstop.check.DnsblChecker;
import org.backstop.check.Resolvers;
import org.backstop.check.UdpDnsClient;
import org.backstop.web.CheckPage;
import org.backstop.web.MonitorPage;
import org.backstop.web.RateLimiter;
import org.backstop.web.WebServer;

/**
 * The web site's check and monitor pages as {@code backstop serve} wires them: the built-in DNSBL
 * catalog asked through the configured resolver (the system's by default, as {@code backstop
 * check}), and the monitor's history store when one is configured. Owns the DNS client socket.
 */
final class CheckSite implements AutoCloseable {
  /** Each check asks about 150 questions: 10 checks per client per 10 minutes. */
  static final int CHECKS_PER_CLIENT = 10;

  static final Duration CHECK_PERIOD = Duration.ofMinutes(10);

  /** Checks running at once, across all clients. */
  static final int MAX_CONCURRENT = 4;

  private final UdpDnsClient dns;
  private final CheckPage checkPage;
  private final MonitorPage monitorPage;

  CheckSite(ServeSettings settings, Clock clock) throws IOException {
    InetSocketAddress resolver =
        settings.checkResolver() == null
            ? Resolvers.system()
            : Resolvers.parse(settings.checkResolver());
    Duration timeout = Duration.ofSeconds(5);
    dns = new UdpDnsClient(resolver, timeout);
    checkPage =
        new CheckPage(
            DnsblChecker.withCatalog(dns, clock),
            new RateLimiter(clock, CHECKS_PER_CLIENT, CHECK_PERIOD, 100_000),
            MAX_CONCURRENT);
    monitorPage =
        new MonitorPage(
            settings.monitorDb() == null ? null : CheckStore.open(settings.monitorDb()));
  }

  WebServer.Routes checkRoutes() {
    return checkPage.routes();
  }

  WebServer.Routes monitorRoutes() {
    return monitorPage.routes();
  }

  @Override
  public void close() {
    dns.close();
  }
}
