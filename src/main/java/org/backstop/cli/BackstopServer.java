package org.backstop.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.backstop.dns.DnsServer;
import org.backstop.dns.DnsServerConfig;
import org.backstop.listing.Database;
import org.backstop.listing.Expirer;
import org.backstop.listing.ListingPolicy;
import org.backstop.listing.ListingQueries;
import org.backstop.listing.ListingService;
import org.backstop.listing.MessageEvidence;
import org.backstop.listing.OperatorActions;
import org.backstop.listing.Publisher;
import org.backstop.listing.SnapshotPublisher;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.trap.TrapConfig;
import org.backstop.trap.TrapServer;
import org.backstop.web.AdminPassword;
import org.backstop.web.IpLookupApi;
import org.backstop.web.ListingBackend;
import org.backstop.web.ReportApi;
import org.backstop.web.WebServer;
import org.backstop.web.WebSite;
import org.backstop.zone.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Backstop process, wired: database, listing service, zone publisher, DNS server, trap, web
 * server and the expiry schedule. Started by {@code backstop serve}; tests start it in-process with
 * their own clock.
 */
public final class BackstopServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackstopServer.class);

  private final ServeSettings settings;
  private final Clock clock;
  // Closed in reverse order of starting: front doors first, the database last.
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Database db;
  private ListingService listings;
  private MessageEvidence evidence;
  private Publisher publisher;
  private Expirer expirer;
  private WebServer web;
  private final PrometheusMeterRegistry metrics =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private TrapServer trap;
  private DnsServer dns;
  private SnapshotPublisher snapshots;

  public BackstopServer(ServeSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public synchronized BackstopServer start() throws Exception {
    try {
      Files.createDirectories(settings.dataDir());
      Files.createDirectories(settings.zoneDir());
      db = Database.open(settings.jdbcUrl());
      started.push(db);
      listings = new ListingService(db, new ListingPolicy(settings.policy()), clock);
      evidence = new MessageEvidence(new BounceAnalyzer());

      dns = DnsServer.start(DnsServerConfig.of(settings.dns().socketAddress()));
      started.push(dns);
      snapshots =
          new SnapshotPublisher(
              new SnapshotPublisher.Settings(
                  settings.zone(),
                  Value.of(settings.listedA(), settings.txtTemplate()),
                  settings.ttl(),
                  settings.zoneDir()),
              dns::publish);
      started.push(snapshots);

      // A change reaches DNS within the debounce (in this process) or the poll (another
      // process): both well inside the 5 seconds promised.
      publisher =
          new Publisher(
              listings, List.of(snapshots), clock, settings.publishPoll(), Duration.ofMillis(250));
      publisher.start();
      started.push(publisher);

      expirer = new Expirer(listings, settings.expiryInterval()).start();
      started.push(expirer);

      trap =
          new TrapServer(
                  TrapConfig.builder(settings.spoolDir())
                      .listen(settings.smtp().socketAddress())
                      .trapDomains(settings.trapDomains())
                      .build(),
                  new ListingTrapSink(listings, evidence),
                  clock)
              .start();
      started.push(trap);

      CheckSite checkSite = new CheckSite(settings, clock);
      started.push(checkSite);
      web =
          new WebServer(
                  List.of(
                      new IpLookupApi(listings),
                      new ReportApi(listings, evidence),
                      webSite().routes(),
                      checkSite.checkRoutes(),
                      checkSite.monitorRoutes()))
              .start(settings.http().host(), settings.http().port());
      started.push(web);

      log.info(
          "backstop serving zone {} (dns {}, trap {} for {}, web {}, database {})",
          settings.zone(),
          dns.address(),
          settings.smtp(),
          settings.trapDomains(),
          settings.http(),
          settings.jdbcUrl());
      return this;
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** The lookup pages, delisting, administration, statistics, OpenAPI and /metrics. */
  private WebSite webSite() {
    ListingBackend backend =
        new ListingBackend(
            listings, new ListingQueries(db, clock), new OperatorActions(db, listings));
    Path dataDir = settings.dataDir();
    return new WebSite(
        clock,
        backend.backend(),
        () -> AdminPassword.read(dataDir),
        metrics,
        WebSite.Settings.defaults());
  }

  public ListingService listings() {
    return listings;
  }

  public MessageEvidence evidence() {
    return evidence;
  }

  public Publisher publisher() {
    return publisher;
  }

  public Expirer expirer() {
    return expirer;
  }

  /** The DNS server's bound address (UDP and TCP share the port). */
  public java.net.InetSocketAddress dnsAddress() {
    return dns.address();
  }

  public SnapshotPublisher snapshots() {
    return snapshots;
  }

  public int smtpPort() {
    return trap.port();
  }

  public TrapServer trap() {
    return trap;
  }

  public int httpPort() {
    return web.port();
  }

  public ServeSettings settings() {
    return settings;
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable c = started.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("error while stopping {}", c, e);
      }
    }
  }
}
