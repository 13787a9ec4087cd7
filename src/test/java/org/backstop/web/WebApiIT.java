package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.backstop.listing.Database;
import org.backstop.listing.ListingPolicy;
import org.backstop.listing.ListingService;
import org.backstop.listing.MessageEvidence;
import org.backstop.listing.PolicyConfig;
import org.backstop.mail.Analysis;
import org.backstop.mail.MessageKind;
import org.backstop.mail.OriginalMessage;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report and lookup API over real HTTP, against SQLite. */
class WebApiIT {
  @TempDir Path dir;
  Database db;
  ListingService service;
  WebServer web;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    db = Database.open(Database.sqliteUrl(dir));
    service =
        new ListingService(
            db,
            new ListingPolicy(PolicyConfig.defaults()),
            new MutableClock(Instant.parse("2026-02-01T00:00:00Z")));
    // A classifier that calls a message a DSN when its subject says so; the analyzer itself is
    // tested in package mail.
    MessageEvidence evidence =
        new MessageEvidence(
            m ->
                new String(m, java.nio.charset.StandardCharsets.US_ASCII)
                        .contains("Subject: Undelivered")
                    ? new Analysis(
                        MessageKind.DSN,
                        List.of(),
                        OriginalMessage.unknown(),
                        "mx.example.net",
                        List.of())
                    : Analysis.none(List.of()));
    web =
        new WebServer(List.of(new IpLookupApi(service), new ReportApi(service, evidence)))
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    web.close();
    db.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> report(String token, String query, String message) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web.port() + "/api/v1/reports" + query))
            .header("Content-Type", "message/rfc822")
            .POST(HttpRequest.BodyPublishers.ofString(message));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnlistedAddressAnswersListedFalse() throws Exception {
    HttpResponse<String> r = get("/api/v1/ip/8.8.8.8");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = json.readTree(r.body());
    assertThat(j.get("ip").asText()).isEqualTo("8.8.8.8");
    assertThat(j.get("listed").asBoolean()).isFalse();
  }

  @Test
  void aMalformedAddressAnswers400WithAJsonError() throws Exception {
    for (String bad : List.of("8.8.8", "999.1.1.1", "not-an-ip", "1:2:3")) {
      HttpResponse<String> r = get("/api/v1/ip/" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(json.readTree(r.body()).get("error").asText()).contains("not an IPv4 or IPv6");
    }
  }

  @Test
  void reportsNeedAValidToken() throws Exception {
    assertThat(report(null, "?ip=8.8.8.8", "Subject: x\r\n\r\nx").statusCode()).isEqualTo(401);
    HttpResponse<String> r = report("bst_wrong", "?ip=8.8.8.8", "Subject: x\r\n\r\nx");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void badReportsAreRefusedWithReasons() throws Exception {
    String token = service.createReporter("alice", false, "test").token();
    assertThat(report(token, "", "Subject: x\r\n\r\nx").statusCode()).isEqualTo(400);
    assertThat(report(token, "?ip=1.2.3", "Subject: x\r\n\r\nx").statusCode()).isEqualTo(400);
    assertThat(report(token, "?ip=8.8.8.8", "").statusCode()).isEqualTo(400);
    String huge = "x".repeat(MessageEvidence.MAX_MESSAGE_BYTES + 10);
    assertThat(report(token, "?ip=8.8.8.8", huge).statusCode()).isEqualTo(413);
  }

  @Test
  void twoIndependentReportersListAnAddressAndTheLookupShowsWhy() throws Exception {
    String alice = service.createReporter("alice", false, "test").token();
    String bob = service.createReporter("bob", false, "test").token();
    String dsn = "Subject: Undelivered Mail Returned to Sender\r\n\r\nbody";
    HttpResponse<String> first = report(alice, "?ip=8.8.4.4", dsn);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(json.readTree(first.body()).get("outcome").asText()).isEqualTo("recorded");
    assertThat(json.readTree(get("/api/v1/ip/8.8.4.4").body()).get("listed").asBoolean()).isFalse();
    HttpResponse<String> spam = report(bob, "?ip=8.8.4.4", "Subject: buy now\r\n\r\nbody");
    assertThat(json.readTree(spam.body()).get("kind").asText()).isEqualTo("spam");
    HttpResponse<String> second = report(bob, "?ip=8.8.4.4", dsn);
    JsonNode d = json.readTree(second.body());
    assertThat(d.get("outcome").asText()).isEqualTo("listed");
    assertThat(d.get("kind").asText()).isEqualTo("bounce");

    JsonNode j = json.readTree(get("/api/v1/ip/8.8.4.4").body());
    assertThat(j.get("listed").asBoolean()).isTrue();
    assertThat(j.get("impact").asLong()).isEqualTo(2);
    assertThat(j.get("firstReport").asText()).isEqualTo("2026-02-01T00:00:00Z");
    assertThat(j.get("expires").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(j.get("evidence")).hasSize(3);
    assertThat(j.get("history").get(0).get("event").asText()).isEqualTo("listed");
  }
}
