package org.backstop.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.backstop.check.AlertSink;
import org.backstop.check.CheckRun;
import org.backstop.check.CheckStore;
import org.backstop.check.DnsblCatalog;
import org.backstop.check.DnsblChecker;
import org.backstop.check.EmailAlertSink;
import org.backstop.check.ListingChange;
import org.backstop.check.Monitor;
import org.backstop.check.Resolvers;
import org.backstop.check.Target;
import org.backstop.check.UdpDnsClient;
import org.backstop.check.WebhookAlertSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code backstop monitor}: check addresses on a schedule and alert when a listing changes. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    exitCodeOnExecutionException = 3,
    description = {
      "Check the given addresses and domains against the blocklists on a schedule, keep the"
          + " history in the store, and alert by webhook and mail when a listing changes.",
      "With --once: check what is due, then exit 1 if any target is listed, else 0."
    })
public final class MonitorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "ADDR|DOMAIN",
      required = true,
      description = "what to monitor (repeatable)")
  List<String> targets = new ArrayList<>();

  @Option(names = "--dnsbl", paramLabel = "ZONE", description = "also ask this zone (repeatable)")
  List<String> zones = new ArrayList<>();

  @Option(names = "--only", description = "ask only the --dnsbl zones")
  boolean only;

  @Option(
      names = "--resolver",
      paramLabel = "ADDR:PORT",
      description = "recursive DNS server (default: the system's)")
  String resolver;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "5000",
      description = "deadline of each DNS question (default ${DEFAULT-VALUE})")
  int timeoutMillis;

  @Option(
      names = "--interval",
      paramLabel = "MINUTES",
      defaultValue = "60",
      description = "minutes between checks of a target (default ${DEFAULT-VALUE})")
  int intervalMinutes;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      defaultValue = CheckStore.DEFAULT_URL,
      description = "history store (default ${DEFAULT-VALUE}; PostgreSQL: jdbc:postgresql://...)")
  String db;

  @Option(names = "--webhook", paramLabel = "URL", description = "POST each change as JSON here")
  URI webhook;

  @Option(
      names = "--smtp-relay",
      paramLabel = "HOST:PORT",
      description = "mail each change through this relay")
  String smtpRelay;

  @Option(
      names = "--mail-from",
      paramLabel = "ADDRESS",
      defaultValue = "backstop@localhost",
      description = "sender of alert mail (default ${DEFAULT-VALUE})")
  String mailFrom;

  @Option(
      names = "--mail-to",
      paramLabel = "ADDRESS",
      description = "recipient of alert mail (repeatable)")
  List<String> mailTo = new ArrayList<>();

  @Option(names = "--once", description = "run the due checks once and exit")
  boolean once;

  @Option(names = "--history", description = "print the stored history of the targets and exit")
  boolean history;

  @Override
  public Integer call() throws Exception {
    List<Target> parsed = new ArrayList<>();
    DnsblCatalog catalog;
    InetSocketAddress server;
    List<AlertSink> sinks = new ArrayList<>();
    Duration timeout = Duration.ofMillis(timeoutMillis);
    try {
      for (String t : targets) {
        parsed.add(Target.parse(t));
      }
      if (only && zones.isEmpty()) {
        throw new IllegalArgumentException("--only needs at least one --dnsbl ZONE");
      }
      if (intervalMinutes < 1) {
        throw new IllegalArgumentException("--interval must be at least 1 minute");
      }
      if (timeoutMillis < 1 || timeoutMillis > 60_000) {
        throw new IllegalArgumentException("--timeout must be 1..60000 ms");
      }
      catalog = (only ? DnsblCatalog.empty() : DnsblCatalog.builtIn()).plus(zones);
      server = resolver == null ? Resolvers.system() : Resolvers.parse(resolver);
      if (webhook != null) {
        sinks.add(new WebhookAlertSink(webhook, Duration.ofSeconds(10)));
      }
      if (smtpRelay != null) {
        InetSocketAddress relay = relayAddress(smtpRelay);
        sinks.add(
            new EmailAlertSink(
                relay.getHostString(),
                relay.getPort(),
                mailFrom,
                mailTo,
                InetAddress.getLocalHost().getHostName(),
                Clock.systemUTC()));
      } else if (!mailTo.isEmpty()) {
        throw new IllegalArgumentException("--mail-to needs --smtp-relay HOST:PORT");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    CheckStore store = CheckStore.open(db);
    PrintWriter out = spec.commandLine().getOut();
    if (history) {
      printHistory(out, store, parsed);
      return 0;
    }
    try (UdpDnsClient dns = new UdpDnsClient(server, timeout)) {
      DnsblChecker checker =
          new DnsblChecker(dns, catalog.lists(), Clock.systemUTC(), timeout, true);
      Monitor monitor =
          new Monitor(
              checker,
              store,
              parsed,
              Duration.ofMinutes(intervalMinutes),
              Clock.systemUTC(),
              sinks);
      if (once) {
        for (ListingChange c : monitor.runDue()) {
          out.println(Printable.line(c.summary()));
        }
        boolean listed = false;
        for (Target t : parsed) {
          List<String> on = store.listedZones(t.text());
          out.println(
              t + ": " + (on.isEmpty() ? "not listed" : "listed on " + String.join(", ", on)));
          listed |= !on.isEmpty();
        }
        out.flush();
        return listed ? 1 : 0;
      }
      ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor();
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      monitor.start(ex, Duration.ofSeconds(10));
      stop.await();
      ex.shutdownNow();
      return 0;
    }
  }

  private static InetSocketAddress relayAddress(String s) {
    int colon = s.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--smtp-relay must be HOST:PORT");
    }
    try {
      int port = Integer.parseInt(s.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return InetSocketAddress.createUnresolved(s.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in --smtp-relay " + s);
    }
  }

  private static void printHistory(PrintWriter out, CheckStore store, List<Target> targets) {
    for (Target t : targets) {
      List<CheckRun> runs = store.runs(t.text(), 1);
      out.println(
          t
              + ": last checked "
              + (runs.isEmpty() ? "never" : runs.get(0).checkedAt())
              + "; listed on "
              + store.listedZones(t.text()).size()
              + " list(s)");
      for (ListingChange c : store.changes(t.text(), 50)) {
        out.println("  " + c.at() + "  " + Printable.line(c.summary()));
      }
    }
    out.flush();
  }
}
