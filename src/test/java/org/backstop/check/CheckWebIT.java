package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;
import org.backstop.testing.MutableClock;
import org.backstop.web.CheckPage;
import org.backstop.web.MonitorPage;
import org.backstop.web.RateLimiter;
import org.backstop.web.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web site's check and monitor pages on a real Javalin server, with the checker asking the
 * fixture DNS server over UDP: one test blocklist lists 192.0.2.1, another does not.
 */
class CheckWebIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LISTED = "192.0.2.1";
  private static final String EVIL_TXT = "<script>alert(1)</script> & more";
  private static final int BURST = 5;

  @TempDir Path dir;

  private final FixtureZones zones = new FixtureZones();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private FixtureDnsServer dns;
  private DnsblChecker checker;
  private CheckStore store;
  private WebServer web;
  private String base;

  @BeforeEach
  void start() throws Exception {
    zones.testPoints("black.test").testPoints("white.test").testPoints("evil.test");
    zones.listed("black.test", LISTED, "127.0.0.2", "Listed: see https://black.test/why");
    zones.listed("evil.test", LISTED, "127.0.0.3", EVIL_TXT);
    dns = new FixtureDnsServer(zones);
    checker =
        new DnsblChecker(
            dns.client(Duration.ofSeconds(2)),
            List.of(
                list("black.test", "Black List", "https://black.test/remove?ip=1&x=2"),
                list("white.test", "White List", "https://white.test/remove"),
                list("evil.test", "<b>Evil</b> List", "javascript:alert(2)")),
            clock,
            Duration.ofSeconds(2),
            true);
    store = CheckStore.open("jdbc:sqlite:" + dir.resolve("check.db"));
    web =
        new WebServer(
                List.of(
                    new CheckPage(
                            checker, new RateLimiter(clock, BURST, Duration.ofMinutes(10), 100), 2)
                        .routes(),
                    new MonitorPage(store).routes()))
            .start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + web.port();
  }

  @AfterEach
  void stop() {
    web.close();
    dns.close();
  }

  private static DnsblList list(String zone, String name, String removal) {
    return new DnsblList(
        zone,
        name,
        Set.of(TargetKind.IPV4, TargetKind.IPV6, TargetKind.DOMAIN),
        Map.of("127.0.0.2", "spam source", "127.0.0.3", "backscatter source"),
        false,
        Map.of(),
        removal,
        false,
        null,
        null,
        null);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The table row of a list on the result page. */
  private static String row(String page, String zone) {
    int at = page.indexOf("<span class=\"muted\">" + zone + "</span>");
    assertThat(at).as("row of " + zone).isPositive();
    int start = page.lastIndexOf("<tr", at);
    return page.substring(start, page.indexOf("</tr>", at));
  }

  @Test
  void pageShowsListedAndCleanPerListWithMeaningTxtAndRemoval() throws Exception {
    var r = get("/check?target=" + LISTED);
    assertThat(r.statusCode()).isEqualTo(200);
    String page = r.body();
    assertThat(page).contains("192.0.2.1 is listed").contains("Listed on 2 of 3 lists");
    String black = row(page, "black.test");
    assertThat(black)
        .contains("<td>listed</td>")
        .contains("127.0.0.2: spam source")
        .contains("Listed: see https://black.test/why")
        .contains("<a href=\"https://black.test/remove?ip=1&amp;x=2\"");
    assertThat(row(page, "white.test")).contains("<td>clean</td>").doesNotContain("spam source");
  }

  @Test
  void cleanAddressIsCleanOnEveryList() throws Exception {
    String page = get("/check?target=192.0.2.77").body();
    assertThat(page).contains("192.0.2.77 is not listed").contains("Not listed on any of 3");
    for (String zone : List.of("black.test", "white.test", "evil.test")) {
      assertThat(row(page, zone)).contains("<td>clean</td>");
    }
  }

  @Test
  void jsonGivesTheSameAnswers() throws Exception {
    var r = get("/api/v1/check/" + LISTED);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.get("target").asText()).isEqualTo(LISTED);
    assertThat(n.at("/summary/listed").asInt()).isEqualTo(2);
    assertThat(n.at("/summary/clean").asInt()).isEqualTo(1);
    for (JsonNode x : n.get("results")) {
      String expected = x.get("zone").asText().equals("white.test") ? "CLEAN" : "LISTED";
      assertThat(x.get("status").asText()).as(x.get("zone").asText()).isEqualTo(expected);
    }
  }

  @Test
  void payloadsFromListsAndUsersAreEscaped() throws Exception {
    String page = get("/check?target=" + LISTED).body();
    String evil = row(page, "evil.test");
    assertThat(evil)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .contains("&lt;b&gt;Evil&lt;/b&gt; List")
        .doesNotContain("<script>")
        .doesNotContain("href=\"javascript:");
    var bad = get("/check?target=" + q("<img src=x onerror=alert(3)>"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("&lt;img src=x onerror=alert(3)&gt;").doesNotContain("<img");
  }

  @Test
  void malformedTargetsAre400() throws Exception {
    var api = get("/api/v1/check/" + q("not a target!"));
    assertThat(api.statusCode()).isEqualTo(400);
    JsonNode n = JSON.readTree(api.body());
    assertThat(n.get("status").asInt()).isEqualTo(400);
    assertThat(n.get("error").asText()).contains("not an IP address or a domain name");
    assertThat(get("/api/v1/check/300.1.1.1").statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/check/" + "a".repeat(300) + ".test").statusCode()).isEqualTo(400);
    assertThat(get("/check?target=" + q("300.1.1.1")).statusCode()).isEqualTo(400);
    int before = zones.questions.get();
    get("/api/v1/check/" + q("bad..name"));
    assertThat(zones.questions.get()).as("a malformed target sends no DNS").isEqualTo(before);
  }

  @Test
  void rateLimitAnswers429UntilTheBucketRefills() throws Exception {
    for (int i = 0; i < BURST; i++) {
      assertThat(get("/api/v1/check/192.0.2." + (10 + i)).statusCode()).isEqualTo(200);
    }
    int before = zones.questions.get();
    var api = get("/api/v1/check/192.0.2.99");
    assertThat(api.statusCode()).isEqualTo(429);
    assertThat(api.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(api.body()).get("status").asInt()).isEqualTo(429);
    var page = get("/check?target=192.0.2.99");
    assertThat(page.statusCode()).isEqualTo(429);
    assertThat(page.body()).contains("Too many checks");
    assertThat(zones.questions.get()).as("a refused check sends no DNS").isEqualTo(before);

    clock.advance(Duration.ofMinutes(10));
    assertThat(get("/api/v1/check/192.0.2.99").statusCode()).isEqualTo(200);
  }

  @Test
  void checksBeyondTheConcurrencyCapAre503() throws Exception {
    zones.testPoints("slow.test").delay("slow.test", Duration.ofSeconds(1));
    DnsblChecker slow =
        new DnsblChecker(
            dns.client(Duration.ofSeconds(3)),
            List.of(DnsblList.custom("slow.test")),
            clock,
            Duration.ofSeconds(3),
            false);
    try (WebServer one =
        new WebServer(
                List.of(
                    new CheckPage(slow, new RateLimiter(clock, 10, Duration.ofMinutes(1), 100), 1)
                        .routes()))
            .start("127.0.0.1", 0)) {
      String url = "http://127.0.0.1:" + one.port() + "/api/v1/check/192.0.2.5";
      int before = zones.questions.get();
      var first =
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (zones.questions.get() == before && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // the first check is running once its question reached the DNS
      }
      var second =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(second.headers().firstValue("Retry-After")).isPresent();
      assertThat(first.get().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void formIsShownWithoutTarget() throws Exception {
    var r = get("/check");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("<form")
        .contains("action=\"/check\"")
        .contains("<label for=\"target\"")
        .contains("name=\"viewport\"");
  }

  @Test
  void monitorPageShowsWatchedTargetsCurrentListingsAndChanges() throws Exception {
    assertThat(get("/monitor").body()).contains("has not checked anything yet");
    store.record(checker.check(LISTED));
    store.record(checker.check("192.0.2.77"));
    String page = get("/monitor").body();
    assertThat(page).contains("192.0.2.1").contains("192.0.2.77");
    assertThat(page).contains("listed: black.test, evil.test").contains("not listed");
    assertThat(page).contains("2 listed, 1 clean, 0 errors, 0 refused");
    assertThat(page).contains("black.test").contains("first check → listed");
    assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;");
  }
}
