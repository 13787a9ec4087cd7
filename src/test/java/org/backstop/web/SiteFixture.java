package org.backstop.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.backstop.listing.Database;
import org.backstop.listing.Evidence;
import org.backstop.listing.EvidenceKind;
import org.backstop.listing.ListingPolicy;
import org.backstop.listing.ListingQueries;
import org.backstop.listing.ListingService;
import org.backstop.listing.MessageEvidence;
import org.backstop.listing.OperatorActions;
import org.backstop.listing.PolicyConfig;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.net.IpAddress;
import org.backstop.testing.MutableClock;

/**
 * The web site on a real SQLite listing database and a Javalin server on a free loopback port, with
 * a moved-by-hand clock, for the integration tests.
 */
final class SiteFixture implements AutoCloseable {
  static final String PASSWORD = "correct horse battery staple";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  final Database db;
  final ListingService service;
  final WebServer server;
  final String base;
  final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  SiteFixture(Path dir, WebSite.Settings settings) {
    db = Database.open(Database.sqliteUrl(dir));
    service = new ListingService(db, new ListingPolicy(PolicyConfig.defaults()), clock);
    ListingBackend backend =
        new ListingBackend(
            service, new ListingQueries(db, clock), new OperatorActions(db, service));
    String hash = AdminPassword.hash(PASSWORD.toCharArray(), 4);
    WebSite site = new WebSite(clock, backend.backend(), () -> hash, metrics, settings);
    // Wired as backstop serve wires it: the listing's JSON lookup beside the site.
    server =
        new WebServer(
                List.of(
                    new IpLookupApi(service),
                    new ReportApi(service, new MessageEvidence(new BounceAnalyzer())),
                    site.routes(),
                    // No lists: the check page is tested with a DNS fixture in CheckWebIT.
                    new CheckPage(
                            new org.backstop.check.DnsblChecker(
                                (n, t) -> new java.util.concurrent.CompletableFuture<>(),
                                List.of(),
                                clock,
                                Duration.ofSeconds(1),
                                false),
                            new RateLimiter(clock, 10, Duration.ofMinutes(1), 100),
                            2)
                        .routes()))
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + server.port();
  }

  /** A trap report of the given kind from the address, received now. */
  void report(String ip, EvidenceKind kind, String excerpt) {
    service.record(
        new Evidence(
            UUID.randomUUID().toString(),
            IpAddress.parse(ip),
            kind,
            "trap",
            clock.instant(),
            "mx.example.net",
            "",
            List.of("trap@traps.example.org"),
            kind.label(),
            kind.label() + " to a trap",
            excerpt));
  }

  /** A client with its own cookie jar, as a browser has. */
  Client client() {
    return new Client();
  }

  @Override
  public void close() {
    server.close();
    db.close();
  }

  final class Client {
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields)
        throws IOException, InterruptedException {
      String body =
          fields.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json)
        throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the form on a page, loading the page (and so the cookie). */
    String csrf(String page) throws IOException, InterruptedException {
      Matcher m = CSRF.matcher(get(page).body());
      if (!m.find()) {
        throw new AssertionError("no CSRF field on " + page);
      }
      return m.group(1);
    }

    void login() throws IOException, InterruptedException {
      String token = csrf("/admin/login");
      HttpResponse<String> r =
          postForm("/admin/login", Map.of("csrf", token, "password", PASSWORD));
      if (r.statusCode() != 303) {
        throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
      }
    }
  }
}
