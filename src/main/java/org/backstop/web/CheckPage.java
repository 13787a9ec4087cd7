package org.backstop.web;

import static org.backstop.web.Html.esc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import org.backstop.check.CheckReport;
import org.backstop.check.DnsblChecker;
import org.backstop.check.ListResult;
import org.backstop.check.ListStatus;
import org.backstop.check.Target;

/**
 * The multi-list check on the web: {@code GET /check?target=} and {@code GET
 * /api/v1/check/{target}} run the same {@link DnsblChecker} as {@code backstop check} and show, for
 * each blocklist, whether it lists the address or domain (RFC 5782), what the code means, the TXT
 * and where to ask for removal.
 *
 * <p>Each check sends one to three DNS questions per list, so the endpoint is bounded twice: a
 * per-client {@link RateLimiter} (429 with Retry-After) and a cap on checks running at once across
 * all clients (503), so the site can never be turned into a DNS traffic amplifier.
 */
public final class CheckPage {
  /** Longer input is no address or domain name (RFC 1035: 253 characters at most). */
  private static final int MAX_TARGET = 256;

  private final DnsblChecker checker;
  private final RateLimiter limiter;
  private final Semaphore running;

  /**
   * @param checker the checker, with its lists and resolver
   * @param limiter checks per client
   * @param maxConcurrent checks running at once across all clients
   */
  public CheckPage(DnsblChecker checker, RateLimiter limiter, int maxConcurrent) {
    this.checker = checker;
    this.limiter = limiter;
    this.running = new Semaphore(maxConcurrent);
  }

  /** The routes, for {@link WebServer}. */
  public WebServer.Routes routes() {
    return this::register;
  }

  /** Adds the routes. */
  public void register(Javalin app) {
    app.get("/check", this::page);
    app.get("/api/v1/check/{target}", this::api);
  }

  private void page(Context ctx) {
    String text = ctx.queryParam("target");
    if (text == null || text.isBlank()) {
      ctx.html(Html.page("Check blocklists", intro() + form("", null)));
      return;
    }
    Target target;
    try {
      target = parse(text);
    } catch (IllegalArgumentException e) {
      ctx.status(400)
          .html(
              Html.page(
                  "Not an address or domain",
                  "<h1>Check blocklists</h1>" + form(Validate.abbreviate(text), e.getMessage())));
      return;
    }
    String key = ClientKey.of(ctx);
    if (!limiter.tryAcquire(key)) {
      long wait = limiter.retryAfterSeconds(key);
      ctx.header("Retry-After", Long.toString(wait))
          .status(429)
          .html(
              Html.page(
                  "Too many checks",
                  "<h1>Too many checks</h1><p role=\"alert\">Each check asks many blocklists, so"
                      + " the number of checks per client is limited. Try again in "
                      + wait
                      + " seconds.</p>"));
      return;
    }
    if (!running.tryAcquire()) {
      busy(ctx);
      ctx.html(
          Html.page(
              "Busy",
              "<h1>Busy</h1><p role=\"alert\">Too many checks are running."
                  + " Try again in a few seconds.</p>"));
      return;
    }
    CheckReport report;
    try {
      report = checker.check(target);
    } finally {
      running.release();
    }
    ctx.html(Html.page(target.text() + summaryTitle(report), result(report)));
  }

  private void api(Context ctx) {
    Target target;
    try {
      target = parse(ctx.pathParam("target"));
    } catch (IllegalArgumentException e) {
      ApiErrors.send(ctx, 400, e.getMessage());
      return;
    }
    String key = ClientKey.of(ctx);
    if (!limiter.tryAcquire(key)) {
      ctx.header("Retry-After", Long.toString(limiter.retryAfterSeconds(key)));
      ApiErrors.send(ctx, 429, "too many checks: try again later");
      return;
    }
    if (!running.tryAcquire()) {
      busy(ctx);
      ApiErrors.send(ctx, 503, "too many checks are running: try again in a few seconds");
      return;
    }
    try {
      // The same JSON as `backstop check --format json`.
      ctx.json(checker.check(target));
    } finally {
      running.release();
    }
  }

  private static void busy(Context ctx) {
    ctx.header("Retry-After", "5").status(503);
  }

  static Target parse(String text) {
    if (text != null && text.length() > MAX_TARGET) {
      throw new IllegalArgumentException("too long for an IP address or a domain name");
    }
    return Target.parse(text);
  }

  private static String intro() {
    return "<h1>Check blocklists</h1><p>Is an address or a domain listed on the public DNS"
        + " blocklists that mail servers ask? Each list is asked at once; the table gives its"
        + " answer, what the answer means and where to ask for removal.</p>";
  }

  static String form(String value, String error) {
    return "<form class=\"inline\" method=\"get\" action=\"/check\" role=\"search\">"
        + "<label for=\"target\" style=\"flex-basis:100%\">IPv4 or IPv6 address, or domain</label>"
        + "<input type=\"text\" id=\"target\" name=\"target\" required maxlength=\"253\""
        + " autocomplete=\"off\" spellcheck=\"false\""
        + " placeholder=\"192.0.2.25, 2001:db8::25 or example.com\" value=\""
        + esc(value)
        + "\""
        + (error == null ? "" : " aria-invalid=\"true\" aria-describedby=\"target-error\"")
        + "><button type=\"submit\">Check</button>"
        + (error == null
            ? ""
            : "<p id=\"target-error\" class=\"error\" role=\"alert\" style=\"flex-basis:100%\">"
                + esc(error)
                + "</p>")
        + "</form>";
  }

  private static String summaryTitle(CheckReport r) {
    return r.anyListed() ? " is listed" : " is not listed";
  }

  /** The result page body: a summary and one table row per list, listings first. */
  static String result(CheckReport r) {
    StringBuilder b = new StringBuilder(8192);
    long listed = r.count(ListStatus.LISTED);
    b.append("<h1>").append(esc(r.target())).append(esc(summaryTitle(r))).append("</h1>");
    b.append("<div class=\"status ")
        .append(listed > 0 ? "listed" : "clean")
        .append("\" role=\"status\"><strong>")
        .append(listed > 0 ? "Listed on " + listed + " of " : "Not listed on any of ")
        .append(r.results().size())
        .append(" lists.</strong> ")
        .append(r.count(ListStatus.CLEAN))
        .append(" clean, ")
        .append(r.count(ListStatus.ERROR))
        .append(" without an answer, ")
        .append(r.count(ListStatus.REFUSED))
        .append(" refused; checked in ")
        .append(r.millis())
        .append(" ms.</div>");
    b.append("<div class=\"scroll\"><table><caption class=\"muted\">Answers of each blocklist for ")
        .append(esc(r.target()))
        .append("</caption><thead><tr><th scope=\"col\">List</th><th scope=\"col\">Status</th>")
        .append("<th scope=\"col\">Meaning</th><th scope=\"col\">TXT</th>")
        .append("<th scope=\"col\">Removal</th></tr></thead><tbody>");
    List<ListResult> rows =
        r.results().stream()
            .sorted(
                Comparator.comparing((ListResult x) -> x.status().ordinal())
                    .thenComparing(ListResult::zone))
            .toList();
    for (ListResult x : rows) {
      String status = x.status().name().toLowerCase(Locale.ROOT);
      // Only listings are tinted: the site's "error" class is for form errors.
      b.append(x.status() == ListStatus.LISTED ? "<tr class=\"listed\">" : "<tr>")
          .append("<th scope=\"row\">")
          .append(esc(x.name()))
          .append("<br><span class=\"muted\">")
          .append(esc(x.zone()))
          .append("</span></th><td>")
          .append(status)
          .append("</td><td>")
          .append(esc(meaning(x)))
          .append("</td><td>")
          .append(esc(x.txt()))
          .append("</td><td>")
          .append(removal(x.removal()))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div><h2>Check another</h2>").append(form("", null));
    return b.toString();
  }

  private static String meaning(ListResult x) {
    StringBuilder m = new StringBuilder();
    for (int i = 0; i < x.codes().size(); i++) {
      if (m.length() > 0) {
        m.append("; ");
      }
      m.append(x.codes().get(i));
      if (i < x.meanings().size() && x.meanings().get(i) != null) {
        m.append(": ").append(x.meanings().get(i));
      }
    }
    if (x.detail() != null) {
      m.append(m.length() > 0 ? "; " : "").append(x.detail());
    }
    return m.toString();
  }

  /** A link only for http and https: a catalog or custom entry must never yield javascript:. */
  static String removal(String url) {
    if (url == null || url.isBlank()) {
      return "";
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      return esc(url);
    }
    return "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer\">removal page</a>";
  }
}
