package org.backstop.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.backstop.dns.MetricsEndpoint;
import org.backstop.filter.DnsLookup;
import org.backstop.filter.DnsblSite;
import org.backstop.filter.DnsjavaLookup;
import org.backstop.filter.SentLedger;
import org.backstop.filter.Shield;
import org.backstop.filter.ShieldAction;
import org.backstop.filter.ShieldConfig;
import org.backstop.filter.ShieldMetrics;
import org.backstop.mail.Batv;
import org.backstop.mail.BatvKeys;
import org.backstop.net.Cidr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backstop filter}: runs the mail shield, a Postfix policy server and milter. Options can be
 * kept in a file, one per line, and given as {@code backstop filter @/etc/backstop/filter.args}
 * (picocli's argument files).
 */
@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    description = {
      "Run the mail shield for Postfix: a policy server (check_policy_service) and a milter"
          + " (smtpd_milters) that reject backscatter at SMTP time.",
      "Options may be read from a file: backstop filter @FILE (one option a line)."
    })
public final class FilterCommand implements Callable<Integer> {
  @Option(
      names = "--policy-listen",
      defaultValue = "127.0.0.1:10040",
      description = "ADDR:PORT (default: ${DEFAULT-VALUE})")
  String policyListen;

  @Option(
      names = "--milter-listen",
      defaultValue = "127.0.0.1:10041",
      description = "ADDR:PORT (default: ${DEFAULT-VALUE})")
  String milterListen;

  @Option(
      names = "--batv-domain",
      description = "A domain whose senders are BATV-signed (repeatable).")
  List<String> batvDomains = new ArrayList<>();

  @Option(
      names = "--batv-key-file",
      description = "One secret a line; line N is key digit N; the last line signs.")
  Path batvKeyFile;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "The sent ledger's database: jdbc:sqlite:FILE or jdbc:postgresql://..."
              + " (default: the config file's db, else SQLite DIR/backstop.db).")
  String db;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: the config file's data, else data).")
  Path data;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "serve's config file (Java properties): its data and db keys are read so the filter"
              + " shares serve's database; other keys are serve's and ignored here.")
  Path config;

  @Option(names = "--db-user", description = "Database user (PostgreSQL).")
  String dbUser;

  @Option(
      names = "--db-password-env",
      defaultValue = "BACKSTOP_DB_PASSWORD",
      description =
          "Environment variable holding the database password (default: ${DEFAULT-VALUE}).")
  String dbPasswordEnv;

  @Option(
      names = "--ledger-retention-days",
      defaultValue = "30",
      description = "How long sent messages are remembered (default: ${DEFAULT-VALUE}).")
  int retentionDays;

  @Option(
      names = "--our-network",
      split = ",",
      defaultValue = "127.0.0.0/8,::1/128",
      description =
          "Networks whose mail is ours (outbound): signed and ledgered (default: ${DEFAULT-VALUE}). Authenticated clients are always ours.")
  List<String> ourNetworks;

  @Option(
      names = "--relay-host",
      description = "Host name of one of our relays, as in Received headers (repeatable).")
  List<String> relayHosts = new ArrayList<>();

  @Option(
      names = "--dnsbl",
      description =
          "A DNSBL in postscreen syntax, e.g. zen.spamhaus.org=127.0.0.[2..11]*3 (repeatable).")
  List<String> dnsbl = new ArrayList<>();

  @Option(
      names = "--dnsbl-threshold",
      defaultValue = "1",
      description = "Score at which a client is refused (default: ${DEFAULT-VALUE}).")
  int dnsblThreshold;

  @Option(
      names = "--dns-server",
      description = "ADDR:PORT of the resolver for DNSBL queries (default: the system's).")
  String dnsServer;

  @Option(
      names = "--bounce-limit",
      defaultValue = "100",
      description =
          "Bounces (null-sender recipients) per client per hour before 450; 0 = no limit (default: ${DEFAULT-VALUE}).")
  int bounceLimit;

  @Option(
      names = "--action",
      defaultValue = "reject",
      description =
          "What to do with backscatter: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ShieldAction action;

  @Option(
      names = "--max-message-bytes",
      defaultValue = "262144",
      description =
          "How much of each message the milter keeps for analysis (default: ${DEFAULT-VALUE}).")
  int maxMessageBytes;

  @Option(
      names = "--metrics",
      paramLabel = "ADDR:PORT",
      description = "Serve Prometheus metrics at http://ADDR:PORT/metrics (default: off).")
  String metrics;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      return run();
    } catch (IllegalArgumentException | java.io.IOException e) {
      spec.commandLine().getErr().println("backstop filter: " + e.getMessage());
      return 2;
    }
  }

  private int run() throws Exception {
    Clock clock = Clock.systemUTC();
    Batv batv = batvKeyFile == null ? null : new Batv(BatvKeys.load(batvKeyFile), clock);
    ShieldConfig config =
        new ShieldConfig(
            new HashSet<>(batvDomains),
            batv,
            ourNetworks.stream().map(String::strip).map(Cidr::parse).toList(),
            new HashSet<>(relayHosts),
            dnsblThreshold,
            bounceLimit,
            action,
            maxMessageBytes);
    List<DnsblSite> sites = dnsbl.stream().map(DnsblSite::parse).toList();
    DnsLookup dns =
        dnsServer == null
            ? DnsjavaLookup.system(Duration.ofSeconds(2))
            : DnsjavaLookup.server(HostPort.parse(dnsServer, 53), Duration.ofSeconds(2));
    InetSocketAddress policyBind = HostPort.parse(policyListen, 10040);
    InetSocketAddress milterBind = HostPort.parse(milterListen, 10041);
    InetSocketAddress metricsBind = metrics == null ? null : HostPort.parse(metrics, 9154);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SentLedger ledger = SentLedger.open(jdbcUrl(), dbUser, System.getenv(dbPasswordEnv), clock);
    Shield shield =
        new Shield(
            config,
            ledger,
            sites,
            dns,
            policyBind,
            milterBind,
            Duration.ofDays(retentionDays),
            clock,
            new ShieldMetrics(registry));
    MetricsEndpoint endpoint =
        metricsBind == null ? null : new MetricsEndpoint(metricsBind, registry);
    System.out.println(
        "backstop filter: policy on "
            + shield.policyAddress()
            + ", milter on "
            + shield.milterAddress()
            + (batv == null ? ", BATV off" : ", BATV signs " + batvDomains)
            + (endpoint == null ? "" : ", metrics on " + endpoint.address()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (endpoint != null) {
                    endpoint.close();
                  }
                  shield.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** The ledger's JDBC URL: --db, else the config file's db, else SQLite in the data dir. */
  String jdbcUrl() throws java.io.IOException {
    java.util.Properties p = new java.util.Properties();
    if (config != null) {
      try (java.io.Reader r =
          java.nio.file.Files.newBufferedReader(config, java.nio.charset.StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    if (db != null) {
      return db;
    }
    if (p.getProperty("db") != null && !p.getProperty("db").isBlank()) {
      return p.getProperty("db").strip();
    }
    Path dir = data != null ? data : Path.of(p.getProperty("data", "data").strip());
    return "jdbc:sqlite:" + dir.resolve("backstop.db");
  }
}
