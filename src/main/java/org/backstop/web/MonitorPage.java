package org.backstop.web;

import static org.backstop.web.Html.esc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import org.backstop.check.CheckRun;
import org.backstop.check.CheckStore;
import org.backstop.check.ListingChange;

/**
 * {@code GET /monitor}: what {@code backstop monitor} has found, read from its history store: each
 * watched address or domain, the lists it is listed on now, its last check and its last changes.
 */
public final class MonitorPage {
  /** Bounds the page: a monitor watches a handful of addresses, not thousands. */
  static final int MAX_TARGETS = 200;

  static final int CHANGES_SHOWN = 10;

  private final CheckStore store;

  /**
   * @param store the monitor's history, or null when serve has none configured
   */
  public MonitorPage(CheckStore store) {
    this.store = store;
  }

  /** The routes, for {@link WebServer}. */
  public WebServer.Routes routes() {
    return this::register;
  }

  /** Adds the route. */
  public void register(Javalin app) {
    app.get("/monitor", this::page);
  }

  private void page(Context ctx) {
    ctx.html(Html.page("Monitor", body()));
  }

  String body() {
    StringBuilder b = new StringBuilder(4096).append("<h1>Monitored addresses</h1>");
    if (store == null) {
      return b.append("<p>No monitor history is configured. Run <code>backstop monitor</code>")
          .append(" and start <code>backstop serve</code> with <code>--monitor-db</code> set to")
          .append(" its <code>--db</code>.</p>")
          .toString();
    }
    List<String> targets = store.targets(MAX_TARGETS);
    if (targets.isEmpty()) {
      return b.append("<p>The monitor has not checked anything yet.</p>").toString();
    }
    b.append("<div class=\"scroll\"><table><caption class=\"muted\">Current status of each")
        .append(" monitored target</caption><thead><tr><th scope=\"col\">Target</th>")
        .append("<th scope=\"col\">Listed on</th><th scope=\"col\">Last check</th></tr></thead>")
        .append("<tbody>");
    for (String t : targets) {
      List<String> on = store.listedZones(t);
      List<CheckRun> runs = store.runs(t, 1);
      b.append(on.isEmpty() ? "<tr>" : "<tr class=\"listed\">")
          .append("<th scope=\"row\"><a href=\"#t-")
          .append(esc(anchor(t)))
          .append("\">")
          .append(esc(t))
          .append("</a></th><td>")
          .append(on.isEmpty() ? "not listed" : "listed: " + esc(String.join(", ", on)))
          .append("</td><td>")
          .append(runs.isEmpty() ? "—" : esc(lastRun(runs.get(0))))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    for (String t : targets) {
      b.append("<h2 id=\"t-").append(esc(anchor(t))).append("\">").append(esc(t)).append("</h2>");
      List<ListingChange> changes = store.changes(t, CHANGES_SHOWN);
      if (changes.isEmpty()) {
        b.append("<p class=\"muted\">No changes recorded.</p>");
        continue;
      }
      b.append("<div class=\"scroll\"><table><caption class=\"muted\">Last changes, newest first")
          .append("</caption><thead><tr><th scope=\"col\">When</th><th scope=\"col\">List</th>")
          .append(
              "<th scope=\"col\">Change</th><th scope=\"col\">Meaning</th></tr></thead><tbody>");
      for (ListingChange c : changes) {
        b.append("<tr><td class=\"nw\">")
            .append(esc(Html.utc(c.at())))
            .append("</td><td>")
            .append(esc(c.zone()))
            .append("</td><td>")
            .append(esc(name(c.from())))
            .append(" → ")
            .append(esc(name(c.to())))
            .append("</td><td>")
            .append(esc(String.join("; ", c.meanings())))
            .append(c.txt() == null ? "" : "<br><span class=\"muted\">" + esc(c.txt()) + "</span>")
            .append("</td></tr>");
      }
      b.append("</tbody></table></div>");
    }
    b.append("<p><a href=\"/check\">Check an address now</a></p>");
    return b.toString();
  }

  private static String lastRun(CheckRun r) {
    return Html.utc(r.checkedAt())
        + ": "
        + r.listed()
        + " listed, "
        + r.clean()
        + " clean, "
        + r.errors()
        + " errors, "
        + r.refused()
        + " refused";
  }

  private static String name(Enum<?> status) {
    return status == null ? "first check" : status.name().toLowerCase(Locale.ROOT);
  }

  /** An id token from a target: addresses and domains have only safe characters but ':'. */
  private static String anchor(String t) {
    return t.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
