package org.backstop.web;

import static org.backstop.web.Html.esc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backstop.web.Charts.Point;

/**
 * Statistics: {@code /stats} with server-side SVG charts (listings and reports over time, reports
 * by evidence kind, top traps) and the same figures as JSON at {@code /api/v1/stats}.
 */
public final class StatsRoutes {
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;

  private final StatsSource source;

  public StatsRoutes(StatsSource source) {
    this.source = source;
  }

  public void register(Javalin app) {
    app.get("/stats", this::page);
    app.get("/api/v1/stats", this::json);
  }

  static int days(Context ctx) {
    String d = ctx.queryParam("days");
    if (d == null) {
      return DEFAULT_DAYS;
    }
    try {
      int n = Integer.parseInt(d);
      if (n >= 1 && n <= MAX_DAYS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw WebProblem.badRequest("days must be a whole number from 1 to " + MAX_DAYS);
  }

  private void page(Context ctx) {
    int days = days(ctx);
    StatsSource.Stats s = source.stats(days);
    StringBuilder b = new StringBuilder(16384);
    b.append("<h1>Statistics</h1><dl class=\"facts\"><dt>Listed now</dt><dd>")
        .append(s.activeListings())
        .append("</dd><dt>Reports, all time</dt><dd>")
        .append(s.totalReports())
        .append("</dd></dl><h2>Listings over the last ")
        .append(days)
        .append(" days</h2>")
        .append(
            Charts.line(
                "listings", "Listed addresses per day", days(s.listingsPerDay()), "#a40e26"))
        .append("<h2>Reports over the last ")
        .append(days)
        .append(" days</h2>")
        .append(
            Charts.line("reports", "Reports received per day", days(s.reportsPerDay()), "#0b5cad"))
        .append("<h2>Reports by kind of evidence</h2>");
    List<Point> kinds = new ArrayList<>();
    s.byKind().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> kinds.add(new Point(e.getKey(), e.getValue())));
    b.append(Charts.bars("kinds", "Reports by kind of evidence", kinds, "#116329"));
    b.append("<h2>Top traps</h2><p class=\"muted\">Trap addresses are shown as a digest:")
        .append(" spammers would drop them from their lists.</p>");
    List<Point> traps =
        s.topTraps().stream().map(t -> new Point(trapLabel(t.trap()), t.count())).toList();
    b.append(Charts.bars("traps", "Reports per trap", traps, "#7d4e00"));
    b.append("<div class=\"scroll\"><table><caption class=\"muted\">Reports per trap</caption>")
        .append("<thead><tr><th scope=\"col\">Trap</th><th scope=\"col\">Reports</th></tr>")
        .append("</thead><tbody>");
    for (StatsSource.TrapCount t : s.topTraps()) {
      b.append("<tr><td>")
          .append(esc(trapLabel(t.trap())))
          .append("</td><td>")
          .append(t.count())
          .append("</td></tr>");
    }
    b.append("</tbody></table></div><p class=\"muted\">The same figures as JSON:")
        .append(" <a href=\"/api/v1/stats\">/api/v1/stats</a>.</p>");
    ctx.html(Html.page("Statistics", b.toString()));
  }

  /**
   * A public name for a trap address: "trap " and the first 8 hex digits of its SHA-256. Trap
   * addresses are never shown, because spammers would drop them from their lists; the operator can
   * compute the same digest to tell which trap is which.
   */
  static String trapLabel(String address) {
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(
                  address
                      .toLowerCase(java.util.Locale.ROOT)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "trap " + java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every Java has SHA-256
    }
  }

  private static List<Point> days(List<StatsSource.DayCount> counts) {
    return counts.stream().map(c -> new Point(c.day().toString(), c.count())).toList();
  }

  private void json(Context ctx) {
    int days = days(ctx);
    StatsSource.Stats s = source.stats(days);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("days", days);
    m.put("activeListings", s.activeListings());
    m.put("totalReports", s.totalReports());
    m.put("listingsPerDay", series(s.listingsPerDay()));
    m.put("reportsPerDay", series(s.reportsPerDay()));
    m.put("byKind", s.byKind());
    m.put(
        "topTraps",
        s.topTraps().stream()
            .map(t -> Map.of("trap", trapLabel(t.trap()), "count", t.count()))
            .toList());
    ctx.json(m);
  }

  private static List<Map<String, Object>> series(List<StatsSource.DayCount> counts) {
    return counts.stream()
        .map(c -> Map.<String, Object>of("day", c.day().toString(), "count", c.count()))
        .toList();
  }
}
