package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.backstop.listing.EvidenceKind;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site's defences, over real HTTP against a real SQLite listing database. */
class WebSecurityIT {
  static final String XSS = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LISTED = "45.77.10.20";

  @TempDir Path dir;
  SiteFixture site;

  @BeforeEach
  void start() {
    WebSite.Settings s = WebSite.Settings.defaults();
    site =
        new SiteFixture(
            dir,
            new WebSite.Settings(
                3, Duration.ofHours(1), 20, Duration.ofMinutes(1), s.sessionIdle()));
    site.report(
        LISTED,
        EvidenceKind.BOUNCE,
        "Received: from mx.bad.example ([45.77.10.20])\nSubject: "
            + XSS
            + "\nTo: trap@traps.example.org\n");
  }

  @AfterEach
  void stop() {
    site.close();
  }

  private static void assertEscaped(HttpResponse<String> r) {
    assertThat(r.body()).doesNotContain("<script>alert", "<img src=x");
  }

  @Test
  void scriptPayloadsInEveryFieldComeBackEscaped() throws Exception {
    var c = site.client();
    // The lookup field, echoed back in the error.
    var r = c.get("/lookup?ip=" + enc(XSS));
    assertThat(r.statusCode()).isEqualTo(400);
    assertEscaped(r);
    assertThat(r.body()).contains("&lt;script&gt;");
    // Evidence headers written by a stranger's server.
    r = c.get("/lookup?ip=" + LISTED);
    assertThat(r.body()).contains("is listed").contains("Subject: &lt;script&gt;alert(1)");
    assertEscaped(r);
    // The delisting form, re-shown with an error.
    String t = c.csrf("/delist");
    r = c.postForm("/delist", Map.of("csrf", t, "ip", XSS, "explanation", XSS, "contact", XSS));
    assertThat(r.statusCode()).isEqualTo(400);
    assertEscaped(r);
    // A stored request whose explanation carries the payload, seen by an administrator.
    r =
        c.postForm(
            "/delist",
            Map.of("csrf", t, "ip", LISTED, "explanation", XSS, "contact", "pm@bad.example"));
    assertThat(r.statusCode()).isEqualTo(303);
    var admin = site.client();
    admin.login();
    r = admin.get("/admin");
    assertThat(r.body()).contains("Review queue").contains("&lt;script&gt;alert(1)");
    assertEscaped(r);
    // Administrator fields: allowlist reason, reporter name, listing reason; then the audit log.
    String at = admin.csrf("/admin/allowlist");
    admin.postForm(
        "/admin/allowlist/add", Map.of("csrf", at, "network", "8.8.8.0/24", "reason", XSS));
    admin.postForm("/admin/reporters/create", Map.of("csrf", at, "name", XSS));
    admin.postForm("/admin/listings/list", Map.of("csrf", at, "ip", "45.77.10.21", "reason", XSS));
    for (String page : new String[] {"/admin/allowlist", "/admin/reporters", "/admin/audit"}) {
      r = admin.get(page);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).as(page).contains("&lt;script&gt;");
      assertEscaped(r);
    }
    // JSON carries the text as data, never as markup the API would render.
    r = c.get("/api/v1/ip/" + LISTED);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
  }

  @Test
  void sqlInjectionAttemptsFailHarmlessly() throws Exception {
    var c = site.client();
    assertThat(c.get("/lookup?ip=" + enc(LISTED + "' OR '1'='1")).statusCode()).isEqualTo(400);
    assertThat(c.get("/api/v1/ip/" + enc("1.2.3.4';DROP TABLE listings;--")).statusCode())
        .isEqualTo(400);
    assertThat(c.get("/delist/status/" + enc("' OR 1=1 --")).statusCode()).isEqualTo(404);
    assertThat(c.get("/api/v1/delist/" + enc("x' OR 'a'='a' --xxxxxxxxx")).statusCode())
        .isEqualTo(404);
    String payload = "fixed'); DROP TABLE listings; DELETE FROM reporters; --";
    var r =
        c.postJson(
            "/api/v1/delist",
            JSON.writeValueAsString(
                Map.of("ip", LISTED, "explanation", payload, "contact", "pm@bad.example")));
    assertThat(r.statusCode()).isIn(201, 202);
    var admin = site.client();
    admin.login();
    String t = admin.csrf("/admin/reporters");
    String name = "x'); DELETE FROM reporters; --";
    assertThat(
            admin.postForm("/admin/reporters/create", Map.of("csrf", t, "name", name)).statusCode())
        .isEqualTo(200);
    // Everything is still there, and the payloads were stored as plain text.
    assertThat(site.service.lookup(IpAddress.parse(LISTED)).listing()).isNotNull();
    assertThat(site.service.reporters()).extracting(rep -> rep.name()).contains("trap", name);
    String token = JSON.readTree(r.body()).get("token").asText();
    assertThat(site.service.delistingRequests(r.statusCode() == 202 ? "queued" : "approved", 10))
        .anySatisfy(q -> assertThat(q.message()).isEqualTo(payload));
    assertThat(c.get("/api/v1/delist/" + token).statusCode()).isEqualTo(200);
  }

  @Test
  void formPostWithoutCsrfTokenIsRejected() throws Exception {
    var c = site.client();
    var fields =
        Map.of("ip", LISTED, "explanation", "we fixed the bounces", "contact", "a@b.example");
    assertThat(c.postForm("/delist", fields).statusCode()).isEqualTo(403);
    c.csrf("/delist"); // the cookie is set, but the field is missing or wrong
    assertThat(c.postForm("/delist", fields).statusCode()).isEqualTo(403);
    var wrong = new java.util.HashMap<>(fields);
    wrong.put("csrf", Tokens.random());
    assertThat(c.postForm("/delist", wrong).statusCode()).isEqualTo(403);
    assertThat(c.postForm("/admin/login", Map.of("password", SiteFixture.PASSWORD)).statusCode())
        .isEqualTo(403);
    // A cross-site page cannot send JSON without a preflight: other content types are refused.
    var r =
        c.http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(site.base + "/api/v1/delist"))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(site.service.lookup(IpAddress.parse(LISTED)).listed()).isTrue();
  }

  @Test
  void adminPagesRedirectToLoginWithoutASession() throws Exception {
    var c = site.client();
    for (String p :
        new String[] {
          "/admin", "/admin/listings", "/admin/allowlist", "/admin/reporters", "/admin/audit"
        }) {
      var r = c.get(p);
      assertThat(r.statusCode()).as(p).isEqualTo(302);
      assertThat(r.headers().firstValue("Location")).as(p).hasValue("/admin/login");
    }
    var r = c.postForm("/admin/listings/unlist", Map.of("ip", LISTED, "reason", "nope"));
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(site.service.lookup(IpAddress.parse(LISTED)).listed()).isTrue();
    r = c.get("/api/v1/admin/audit");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(r.body()).at("/status").asInt()).isEqualTo(401);
    assertThat(c.get("/admin/login").statusCode()).isEqualTo(200);
  }

  @Test
  void loginCookieIsHttpOnlyAndSameSiteAndWrongPasswordFails() throws Exception {
    var c = site.client();
    String t = c.csrf("/admin/login");
    var bad = c.postForm("/admin/login", Map.of("csrf", t, "password", "guess"));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(c.get("/admin").statusCode()).isEqualTo(302);
    var ok = c.postForm("/admin/login", Map.of("csrf", t, "password", SiteFixture.PASSWORD));
    assertThat(ok.statusCode()).isEqualTo(303);
    String cookie =
        ok.headers().allValues("Set-Cookie").stream()
            .filter(v -> v.startsWith(AdminAuth.COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
    assertThat(cookie).as("plain HTTP: not Secure").doesNotContain("Secure");
    assertThat(c.get("/admin").statusCode()).isEqualTo(200);
    assertThat(site.service.audit(10))
        .extracting(a -> a.action())
        .contains("admin.login", "admin.login-failed");
    // Logging out ends the session.
    c.postForm("/admin/logout", Map.of("csrf", t));
    assertThat(c.get("/admin").statusCode()).isEqualTo(302);
  }

  @Test
  void delistingRateLimitAnswers429() throws Exception {
    var c = site.client();
    String body =
        JSON.writeValueAsString(
            Map.of(
                "ip", "45.77.99.99", "explanation", "not listed anyway", "contact", "a@b.example"));
    for (int i = 0; i < 3; i++) {
      assertThat(c.postJson("/api/v1/delist", body).statusCode()).isEqualTo(409);
    }
    var r = c.postJson("/api/v1/delist", body);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(r.body()).at("/status").asInt()).isEqualTo(429);
    // The form shares the limit.
    String t = c.csrf("/delist");
    var f =
        c.postForm(
            "/delist",
            Map.of(
                "csrf", t, "ip", LISTED, "explanation", "x".repeat(20), "contact", "a@b.example"));
    assertThat(f.statusCode()).isEqualTo(429);
    // After the period the client may ask again.
    site.clock.advance(Duration.ofHours(1));
    assertThat(c.postJson("/api/v1/delist", body).statusCode()).isEqualTo(409);
  }

  @Test
  void malformedAddressGets400WithAJsonErrorBody() throws Exception {
    var c = site.client();
    for (String bad : new String[] {"999.1.1.1", "1.2.3", "2001:db8:::1", "example.org"}) {
      var r = c.get("/api/v1/ip/" + enc(bad));
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      JsonNode n = JSON.readTree(r.body());
      assertThat(n.at("/status").asInt()).isEqualTo(400);
      assertThat(n.at("/error").asText()).contains("not an IPv4 or IPv6 address");
    }
    var r = c.postJson("/api/v1/delist", "{not json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).at("/error").asText()).contains("JSON");
    r = c.get("/api/v1/nothing-here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(r.body()).at("/status").asInt()).isEqualTo(404);
    r = c.get("/api/v1/stats?days=0");
    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void everyPageCarriesAStrictContentSecurityPolicy() throws Exception {
    var r = site.client().get("/");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("default-src 'none'")
        .doesNotContain("script-src");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
