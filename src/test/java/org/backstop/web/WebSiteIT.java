package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.backstop.listing.EvidenceKind;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API, the OpenAPI document and /metrics over real HTTP on SQLite. */
class WebSiteIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LISTED = "45.77.10.20";

  @TempDir Path dir;
  SiteFixture site;

  @BeforeEach
  void start() {
    site = new SiteFixture(dir, WebSite.Settings.defaults());
    site.report(LISTED, EvidenceKind.AUTOREPLY, "Subject: Out of office\n");
  }

  @AfterEach
  void stop() {
    site.close();
  }

  @Test
  void everyPathInTheOpenApiDocumentIsServed() throws Exception {
    var c = site.client();
    var r = c.get("/api/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(r.body());
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      var e = it.next();
      String path =
          e.getKey()
              .replace("{ip}", LISTED)
              .replace("{token}", "00000000-0000-0000-0000-000000000000")
              .replace("{name}", "nobody")
              .replace("{target}", "192.0.2.1");
      for (var ops = e.getValue().fieldNames(); ops.hasNext(); ) {
        String method = ops.next().toUpperCase(java.util.Locale.ROOT);
        var req =
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(site.base + path))
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        int status =
            c.http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(status).as(method + " " + path + " is routed").isNotIn(405);
        if (!path.contains("00000000") && !path.contains("nobody")) {
          assertThat(status).as(method + " " + path + " exists").isNotEqualTo(404);
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(17);
  }

  @Test
  void lookupJsonCarriesTheLogWindowAndTheFix() throws Exception {
    JsonNode n = JSON.readTree(site.client().get("/api/v1/ip/" + LISTED).body());
    assertThat(n.get("listed").asBoolean()).isTrue();
    assertThat(n.at("/logSearch/lookFor").asText()).contains("MAIL FROM:<>");
    assertThat(n.at("/advice/steps").toString()).contains("Auto-Submitted");
    JsonNode clean = JSON.readTree(site.client().get("/api/v1/ip/2a01:4f8::1").body());
    assertThat(clean.get("listed").asBoolean()).isFalse();
    assertThat(clean.has("advice")).isFalse();
  }

  @Test
  void delistingOverJsonIsQueuedThenApprovedThroughTheAdminApi() throws Exception {
    var c = site.client();
    var r =
        c.postJson(
            "/api/v1/delist",
            JSON.writeValueAsString(
                Map.of(
                    "ip",
                    LISTED,
                    "explanation",
                    "vacation replies fixed",
                    "contact",
                    "pm@example.net")));
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode req = JSON.readTree(r.body());
    assertThat(req.get("status").asText()).isEqualTo("queued");
    assertThat(r.headers().firstValue("Location"))
        .hasValue("/api/v1/delist/" + req.get("token").asText());

    var admin = site.client();
    assertThat(admin.postJson("/api/v1/admin/login", "{\"password\":\"nope\"}").statusCode())
        .isEqualTo(401);
    assertThat(
            admin
                .postJson("/api/v1/admin/login", "{\"password\":\"" + SiteFixture.PASSWORD + "\"}")
                .statusCode())
        .isEqualTo(200);
    JsonNode queue = JSON.readTree(admin.get("/api/v1/admin/delist-requests").body());
    assertThat(queue).hasSize(1);
    var d =
        admin.postJson(
            "/api/v1/admin/delist-requests/" + req.get("token").asText(),
            "{\"decision\":\"approve\",\"reason\":\"checked\"}");
    assertThat(d.statusCode()).isEqualTo(200);
    assertThat(site.service.lookup(IpAddress.parse(LISTED)).listed()).isFalse();
    JsonNode status = JSON.readTree(c.get("/api/v1/delist/" + req.get("token").asText()).body());
    assertThat(status.get("status").asText()).isEqualTo("approved");
    // A new report after the delisting lists the address again; the history keeps both.
    site.clock.advance(Duration.ofMinutes(5));
    site.report(LISTED, EvidenceKind.AUTOREPLY, null);
    var again = site.service.lookup(IpAddress.parse(LISTED));
    assertThat(again.listed()).isTrue();
    assertThat(again.history()).extracting(h -> h.event()).contains("listed", "removed");
    // Reporters and the allowlist over the API, all audited.
    var rep = admin.postJson("/api/v1/admin/reporters", "{\"name\":\"volunteer\"}");
    assertThat(rep.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(rep.body()).get("token").asText()).isNotBlank();
    assertThat(
            admin
                .postJson(
                    "/api/v1/admin/allowlist",
                    "{\"action\":\"add\",\"network\":\"9.9.9.0/24\",\"reason\":\"resolver\"}")
                .statusCode())
        .isEqualTo(200);
    JsonNode audit = JSON.readTree(admin.get("/api/v1/admin/audit").body());
    assertThat(audit.toString())
        .contains("admin.login", "delisting.approve", "reporter.create", "allowlist.add");
  }

  @Test
  void resultPageWorksForIpv6AndSaysWhatToDo() throws Exception {
    site.report("2a00:1450:4001::25", EvidenceKind.CALLOUT, null);
    var c = site.client();
    var r = c.get("/lookup?ip=2A00:1450:4001:0:0:0:0:25");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("2a00:1450:4001::25 is listed")
        .contains("sender callout")
        .contains("Turn off sender address verification callouts");
    var clean = c.get("/lookup?ip=2a01:4f8::1");
    assertThat(clean.body()).contains("2a01:4f8::1 is not listed");
    assertThat(c.get("/lookup").statusCode()).as("no address: back to the form").isEqualTo(302);
  }

  @Test
  void statsJsonAndMetrics() throws Exception {
    var c = site.client();
    c.get("/lookup?ip=" + LISTED);
    JsonNode s = JSON.readTree(c.get("/api/v1/stats?days=7").body());
    assertThat(s.get("activeListings").asLong()).isEqualTo(1);
    assertThat(s.get("listingsPerDay")).hasSize(7);
    assertThat(s.at("/byKind/autoreply").asLong()).isEqualTo(1);
    assertThat(s.at("/topTraps/0/trap").asText()).startsWith("trap ").doesNotContain("@");
    var m = c.get("/metrics");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body())
        .contains("backstop_web_lookups_total{result=\"listed\"}")
        .contains("backstop_http_requests_seconds_count");
  }
}
