package org.backstop.check;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Posts listing changes as JSON to a URL: {@code {"event":"listing-change","changes":[...]}}. Any
 * 2xx answer is success.
 */
public final class WebhookAlertSink implements AlertSink {

  private final URI url;
  private final Duration timeout;
  private final HttpClient http;

  public WebhookAlertSink(URI url, Duration timeout) {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("webhook must be an http or https URL: " + url);
    }
    this.url = url;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void send(List<ListingChange> changes) throws IOException, InterruptedException {
    String body = Json.write(Map.of("event", "listing-change", "changes", changes));
    HttpRequest req =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Backstop monitor")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("webhook " + url + " answered HTTP " + r.statusCode());
    }
  }
}
