package org.backstop.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.backstop.listing.Database;
import org.backstop.listing.Expirer;
import org.backstop.listing.ListingPolicy;
import org.backstop.listing.ListingQueries;
import org.backstop.listing.ListingService;
import org.backstop.listing.MessageEvidence;
import org.backstop.listing.OperatorActions;
import org.backstop.listing.Publisher;
import org.backstop.listing.ZoneTarget;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.web.AdminPassword;
import org.backstop.web.IpLookupApi;
import org.backstop.web.ListingBackend;
import org.backstop.web.ReportApi;
import org.backstop.web.WebServer;
import org.backstop.web.WebSite;
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
  private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

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

      publisher =
          new Publisher(
              listings, zoneTargets(), clock, settings.publishPoll(), Duration.ofMillis(250));
      publisher.start();
      started.push(publisher);

      expirer = new Expirer(listings, settings.expiryInterval()).start();
      started.push(expirer);

      web =
          new WebServer(
                  List.of(
                      new IpLookupApi(listings),
                      new ReportApi(listings, evidence),
                      webSite().routes()))
              .start(settings.http().host(), settings.http().port());
      started.push(web);

      log.info(
          "backstop serving zone {} (web {}, database {})",
          settings.zone(),
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

  /** Where each publication goes. */
  private List<ZoneTarget> zoneTargets() {
    List<ZoneTarget> targets = new ArrayList<>();
    return targets;
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
