package org.backstop.web;

import static org.backstop.web.Html.esc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.backstop.net.IpAddress;

/**
 * The home page with its check form and the result page {@code GET /lookup?ip=}: is the address
 * listed, since when, why, when to search the logs, and how to fix the server and get off.
 */
public final class LookupPage {
  private final Lookups lookups;
  private final MeterRegistry metrics;

  public LookupPage(Lookups lookups, MeterRegistry metrics) {
    this.lookups = lookups;
    this.metrics = metrics;
  }

  /** Adds the routes. */
  public void register(Javalin app) {
    app.get("/", this::home);
    app.get("/lookup", this::lookup);
  }

  private void home(Context ctx) {
    ctx.html(
        Html.page(
            "Is my server listed?",
            "<h1>Is my mail server listed?</h1>"
                + "<p>Backstop lists servers that send <em>backscatter</em>: bounces,"
                + " auto-replies and callouts aimed at forged senders. Check an address to see"
                + " why it is listed and how to fix it. Delisting is free.</p>"
                + form("", null)
                + "<p class=\"muted\">Your connection comes from "
                + esc(ctx.ip())
                + ".</p>"));
  }

  static String form(String value, String error) {
    return "<form class=\"inline\" method=\"get\" action=\"/lookup\" role=\"search\">"
        + "<label for=\"ip\" style=\"flex-basis:100%\">IPv4 or IPv6 address</label>"
        + "<input type=\"text\" id=\"ip\" name=\"ip\" required maxlength=\"45\""
        + " inputmode=\"text\" autocomplete=\"off\" spellcheck=\"false\""
        + " placeholder=\"192.0.2.25 or 2001:db8::25\" value=\""
        + esc(value)
        + "\""
        + (error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"ip-error\"")
        + "><button type=\"submit\">Check</button>"
        + (error == null
            ? ""
            : "<p id=\"ip-error\" class=\"error\" role=\"alert\" style=\"flex-basis:100%\">"
                + esc(error)
                + "</p>")
        + "</form>";
  }

  private void lookup(Context ctx) {
    String text = ctx.queryParam("ip");
    if (text == null || text.isBlank()) {
      ctx.redirect("/");
      return;
    }
    IpAddress ip;
    try {
      ip = Validate.ip(text);
    } catch (WebProblem e) {
      metrics.counter("backstop.web.lookups", "result", "invalid").increment();
      ctx.status(400)
          .html(
              Html.page(
                  "Not an address",
                  "<h1>Check an address</h1>" + form(Validate.abbreviate(text), e.getMessage())));
      return;
    }
    Optional<ListingView> found = lookups.find(ip);
    boolean listed = found.map(ListingView::listed).orElse(false);
    metrics.counter("backstop.web.lookups", "result", listed ? "listed" : "unlisted").increment();
    ctx.html(Html.page(ip + (listed ? " is listed" : " is not listed"), result(ip, found)));
  }

  static String result(IpAddress ip, Optional<ListingView> found) {
    StringBuilder b = new StringBuilder(4096);
    if (found.isEmpty() || !found.get().listed()) {
      b.append("<h1>")
          .append(esc(ip))
          .append(" is not listed</h1><div class=\"status clean\" role=\"status\"><strong>Not")
          .append(" listed.</strong> Mail servers that use this list accept mail from ")
          .append(esc(ip))
          .append(".</div>");
      found
          .filter(v -> v.delistedAt() != null)
          .ifPresent(
              v ->
                  b.append("<p>It was listed before and delisted on ")
                      .append(esc(Html.utc(v.delistedAt())))
                      .append(". A new report lists it again.</p>"));
      b.append("<h2>Check another address</h2>").append(form("", null));
      return b.toString();
    }
    ListingView v = found.get();
    b.append("<h1>")
        .append(esc(ip))
        .append(
            " is listed</h1><div class=\"status listed\" role=\"status\"><strong>Listed.</strong>")
        .append(" This server sent backscatter to our spam traps: addresses that never send")
        .append(" mail, so any bounce or automatic reply to them went to a forged sender.</div>")
        .append("<dl class=\"facts\">")
        .append(fact("Listed since", Html.utc(v.since())))
        .append(fact("Reports", Long.toString(v.impactCount())))
        .append(fact("Last report", Html.utc(v.lastImpact())))
        .append(
            fact(
                "Expires",
                v.expires() == null
                    ? "—"
                    : Html.day(v.expires()) + " at the earliest, if no new report arrives"))
        .append(fact("Evidence", kindName(v.evidenceKind())))
        .append("</dl>");
    if (v.lastImpact() != null) {
      Instant t = v.lastImpact();
      b.append("<h2>Find it in your logs</h2><p>Search your mail server's logs between <strong")
          .append(" class=\"nw\">")
          .append(esc(Html.utc(t.minus(Duration.ofMinutes(1)))))
          .append("</strong> and <strong class=\"nw\">")
          .append(esc(Html.utc(t.plus(Duration.ofMinutes(1)))))
          .append("</strong> (one minute either side of the last report) for messages sent with")
          .append(" <code>MAIL FROM:&lt;&gt;</code> (the null sender of bounces) or from")
          .append(" <code>postmaster</code> or <code>MAILER-DAEMON</code>.</p>");
    }
    String sample = HeaderSample.redact(v.headerSample());
    if (!sample.isEmpty()) {
      b.append("<h2>What your server sent</h2><p>Headers of one message, with addresses")
          .append(" redacted:</p><pre>")
          .append(esc(sample))
          .append("</pre>");
    }
    FixAdvice.Advice advice = FixAdvice.forKind(v.evidenceKind());
    b.append("<h2>How to fix it</h2><p>").append(esc(advice.what())).append("</p><ol>");
    for (String step : advice.steps()) {
      b.append("<li>").append(esc(step)).append("</li>");
    }
    b.append("</ol><h2>Get delisted</h2><p>Once it is fixed, ask for removal. It is free;")
        .append(" requests for quiet addresses are approved at once.</p><p><a href=\"/delist?ip=")
        .append(esc(ip))
        .append("\">Request delisting of ")
        .append(esc(ip))
        .append("</a></p>");
    return b.toString();
  }

  /** The JSON form of a lookup, shared with the API. */
  static Map<String, Object> json(IpAddress ip, Optional<ListingView> found) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ip", ip.toString());
    boolean listed = found.map(ListingView::listed).orElse(false);
    m.put("listed", listed);
    found.ifPresent(
        v -> {
          if (listed) {
            m.put("since", iso(v.since()));
            m.put("impactCount", v.impactCount());
            m.put("lastImpact", iso(v.lastImpact()));
            m.put("expires", iso(v.expires()));
            m.put("evidenceKind", v.evidenceKind());
            m.put("headerSample", HeaderSample.redact(v.headerSample()));
            if (v.lastImpact() != null) {
              m.put("logSearch", logSearch(v.lastImpact()));
            }
            m.put("advice", advice(v.evidenceKind()));
          }
          if (v.delistedAt() != null) {
            m.put("delistedAt", iso(v.delistedAt()));
          }
        });
    return m;
  }

  /** The window to search the mail logs in: the last report plus or minus a minute. */
  public static Map<String, Object> logSearch(Instant lastReport) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", iso(lastReport.minus(Duration.ofMinutes(1))));
    m.put("to", iso(lastReport.plus(Duration.ofMinutes(1))));
    m.put("lookFor", "MAIL FROM:<> (the null sender) or postmaster / MAILER-DAEMON");
    return m;
  }

  /** The fix guidance for an evidence kind, as JSON. */
  public static Map<String, Object> advice(String kind) {
    FixAdvice.Advice a = FixAdvice.forKind(kind);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("what", a.what());
    m.put("steps", a.steps());
    return m;
  }

  /** An instant in ISO 8601 UTC for JSON, or null. */
  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  private static String fact(String name, String value) {
    return "<dt>" + esc(name) + "</dt><dd>" + esc(value) + "</dd>";
  }

  static String kindName(String kind) {
    if (kind == null) {
      return "—";
    }
    return switch (kind.toLowerCase(java.util.Locale.ROOT)) {
      case "dsn", "bounce" -> "bounce (non-delivery report)";
      case "autoreply" -> "automatic reply (vacation, out of office)";
      case "challenge" -> "challenge-response request";
      case "callout" -> "sender callout (MAIL FROM:<> probe)";
      default -> kind;
    };
  }
}
