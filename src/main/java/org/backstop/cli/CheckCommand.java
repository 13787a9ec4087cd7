package org.backstop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.backstop.check.CheckReport;
import org.backstop.check.CheckReportText;
import org.backstop.check.DnsblCatalog;
import org.backstop.check.DnsblChecker;
import org.backstop.check.Json;
import org.backstop.check.Resolvers;
import org.backstop.check.Target;
import org.backstop.check.UdpDnsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop check}: is this address or domain listed on any public blocklist? */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    exitCodeOnExecutionException = 3,
    description = {
      "Look an IP address or domain up in many DNS blocklists at once (RFC 5782).",
      "Exit status: 0 clean, 1 listed anywhere, 2 usage error, 3 failure."
    })
public final class CheckCommand implements Callable<Integer> {

  /** Output formats. */
  public enum Format {
    TABLE,
    JSON
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ADDR|DOMAIN", description = "IPv4/IPv6 address or domain name")
  String target;

  @Option(names = "--dnsbl", paramLabel = "ZONE", description = "also ask this zone (repeatable)")
  List<String> zones = new ArrayList<>();

  @Option(names = "--only", description = "ask only the --dnsbl zones, not the built-in catalog")
  boolean only;

  @Option(
      names = "--resolver",
      paramLabel = "ADDR:PORT",
      description = "recursive DNS server to ask (default: the system's)")
  String resolver;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "5000",
      description = "deadline of each DNS question in milliseconds (default ${DEFAULT-VALUE})")
  int timeoutMillis;

  @Option(names = "--no-test-points", description = "skip the RFC 5782 test points of each list")
  boolean noTestPoints;

  @Option(names = "--format", defaultValue = "TABLE", description = "table or json (default table)")
  Format format;

  @Override
  public Integer call() throws IOException {
    Target t;
    DnsblCatalog catalog;
    InetSocketAddress server;
    try {
      t = Target.parse(target);
      if (only && zones.isEmpty()) {
        throw new IllegalArgumentException("--only needs at least one --dnsbl ZONE");
      }
      if (timeoutMillis < 1 || timeoutMillis > 60_000) {
        throw new IllegalArgumentException("--timeout must be 1..60000 ms");
      }
      catalog = (only ? DnsblCatalog.empty() : DnsblCatalog.builtIn()).plus(zones);
      server = resolver == null ? Resolvers.system() : Resolvers.parse(resolver);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean progress = Terminal.stderrIsTerminal();
    Duration timeout = Duration.ofMillis(timeoutMillis);
    try (UdpDnsClient dns = new UdpDnsClient(server, timeout)) {
      DnsblChecker checker =
          new DnsblChecker(dns, catalog.lists(), Clock.systemUTC(), timeout, !noTestPoints);
      if (progress) {
        long total = catalog.lists().stream().filter(l -> l.applies(t)).count();
        err.printf("checking %s: 0/%d lists", t, total);
        err.flush();
      }
      CheckReport report =
          checker.check(
              t,
              (r, done, total) -> {
                if (progress) {
                  synchronized (err) {
                    err.printf("\rchecking %s: %d/%d lists", t, done, total);
                    err.flush();
                  }
                }
              });
      if (progress) {
        err.print("\r\033[K");
        err.flush();
      }
      // TXT answers and list replies come from the network: no control character reaches the
      // terminal (JSON escapes them itself).
      out.print(
          format == Format.JSON
              ? Json.write(report) + "\n"
              : Printable.text(CheckReportText.render(report)));
      out.flush();
      return report.anyListed() ? 1 : 0;
    }
  }
}
