package org.backstop.web;

import static org.backstop.web.Html.esc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * The administrators' pages under {@code /admin}: login, the review queue, listing and unlisting
 * with a reason, the allowlist, reporter tokens and the audit log. Every page but the login needs a
 * session (else a redirect to the login page); every form needs the CSRF token; every action is
 * written to the audit log.
 */
public final class AdminRoutes {
  private final AdminDesk desk;

  public AdminRoutes(AdminDesk desk) {
    this.desk = desk;
  }

  public void register(Javalin app) {
    app.before("/admin", this::guard);
    app.before("/admin/*", this::guard);
    app.get("/admin/login", this::loginPage);
    app.post("/admin/login", this::login);
    app.post("/admin/logout", this::logout);
    app.get("/admin", this::queue);
    app.post("/admin/requests/{token}/approve", ctx -> decide(ctx, true));
    app.post("/admin/requests/{token}/reject", ctx -> decide(ctx, false));
    app.get("/admin/listings", this::listings);
    app.post("/admin/listings/list", ctx -> listOrUnlist(ctx, true));
    app.post("/admin/listings/unlist", ctx -> listOrUnlist(ctx, false));
    app.get("/admin/allowlist", this::allowlist);
    app.post("/admin/allowlist/add", this::allow);
    app.post("/admin/allowlist/remove", this::disallow);
    app.get("/admin/reporters", this::reporters);
    app.post("/admin/reporters/create", this::createReporter);
    app.post("/admin/reporters/revoke", this::revokeReporter);
    app.get("/admin/audit", this::auditPage);
  }

  private void guard(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    if (ctx.path().equals("/admin/login")) {
      return;
    }
    if (!desk.auth().authenticated(ctx)) {
      ctx.redirect("/admin/login", HttpStatus.FOUND);
      ctx.skipRemainingHandlers();
    }
  }

  private void loginPage(Context ctx) {
    ctx.html(Html.page("Administrator login", loginBody(Csrf.token(ctx), null)));
  }

  private String loginBody(String csrf, String error) {
    return "<h1>Administrator login</h1>"
        + (desk.auth().configured()
            ? ""
            : "<p class=\"error\">No administrator password is set. Run <code>backstop admin"
                + " set-password</code> on the server.</p>")
        + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
        + "<form method=\"post\" action=\"/admin/login\">"
        + Html.csrfField(csrf)
        + "<label for=\"password\">Password</label><input type=\"password\" id=\"password\""
        + " name=\"password\" required autocomplete=\"current-password\">"
        + "<p><button type=\"submit\">Log in</button></p></form>";
  }

  private void login(Context ctx) {
    Csrf.verify(ctx);
    if (desk.login(ctx, ctx.formParam("password"), "")) {
      ctx.redirect("/admin", HttpStatus.SEE_OTHER);
      return;
    }
    ctx.status(401)
        .html(Html.page("Administrator login", loginBody(Csrf.token(ctx), "Wrong password.")));
  }

  private void logout(Context ctx) {
    Csrf.verify(ctx);
    desk.auth().logout(ctx);
    desk.record("admin.logout", "", "");
    ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
  }

  private String frame(Context ctx, String heading, String body) {
    String csrf = Csrf.token(ctx);
    return Html.page(
        heading,
        "<nav aria-label=\"Administration\"><p><a href=\"/admin\">Review queue</a> · <a"
            + " href=\"/admin/listings\">Listings</a> · <a href=\"/admin/allowlist\">Allowlist</a>"
            + " · <a href=\"/admin/reporters\">Reporters</a> · <a href=\"/admin/audit\">Audit"
            + " log</a></p><form method=\"post\" action=\"/admin/logout\">"
            + Html.csrfField(csrf)
            + "<button class=\"secondary\" type=\"submit\">Log out</button></form></nav>"
            + "<h1>"
            + esc(heading)
            + "</h1>"
            + body);
  }

  private void queue(Context ctx) {
    String f = Html.csrfField(Csrf.token(ctx));
    List<DelistRequest> q = desk.delisting().queue();
    StringBuilder b = new StringBuilder();
    if (q.isEmpty()) {
      b.append("<p>No request waits for review.</p>");
    }
    for (DelistRequest r : q) {
      String action = "/admin/requests/" + esc(r.token());
      b.append("<section class=\"status queued\" aria-label=\"Request for ")
          .append(esc(r.ip()))
          .append("\"><h2>")
          .append(esc(r.ip()))
          .append("</h2><dl class=\"facts\"><dt>Requested</dt><dd>")
          .append(esc(Html.utc(r.created())))
          .append("</dd><dt>Contact</dt><dd>")
          .append(esc(r.contact()))
          .append("</dd><dt>Policy now</dt><dd>")
          .append(esc(desk.delisting().assess(r.ip())))
          .append("</dd></dl><p><strong>Explanation:</strong></p><pre>")
          .append(esc(r.explanation()))
          .append("</pre><p><a href=\"/lookup?ip=")
          .append(esc(r.ip()))
          .append("\">Evidence for ")
          .append(esc(r.ip()))
          .append("</a></p><form method=\"post\" action=\"")
          .append(action)
          .append("/approve\">" + f + "<label for=\"reason-")
          .append(esc(r.token()))
          .append("\">Reason (optional)</label><input type=\"text\" name=\"reason\" id=\"reason-")
          .append(esc(r.token()))
          .append("\" maxlength=\"500\"><p><button type=\"submit\">Approve</button> <button")
          .append(" class=\"secondary\" type=\"submit\" formaction=\"")
          .append(action)
          .append("/reject\">Reject</button></p></form></section>");
    }
    ctx.html(frame(ctx, "Review queue", b.toString()));
  }

  private void decide(Context ctx, boolean approve) {
    Csrf.verify(ctx);
    desk.delisting()
        .decide(ctx.pathParam("token"), approve, ctx.formParam("reason"), AdminDesk.ACTOR);
    ctx.redirect("/admin", HttpStatus.SEE_OTHER);
  }

  private void listings(Context ctx) {
    String f = Html.csrfField(Csrf.token(ctx));
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"post\" action=\"/admin/listings/list\">" + f)
        .append("<h2>List or unlist an address</h2><label for=\"ip\">Address</label>")
        .append("<input type=\"text\" id=\"ip\" name=\"ip\" required maxlength=\"45\">")
        .append("<label for=\"reason\">Reason</label><input type=\"text\" id=\"reason\"")
        .append(
            " name=\"reason\" required maxlength=\"500\"><p><button type=\"submit\">List</button>")
        .append(
            " <button class=\"secondary\" type=\"submit\" formaction=\"/admin/listings/unlist\">")
        .append("Unlist</button></p></form><h2>Listed now</h2><div class=\"scroll\"><table><thead>")
        .append("<tr><th scope=\"col\">Address</th><th scope=\"col\">Since</th>")
        .append("<th scope=\"col\">Reports</th><th scope=\"col\">Last report</th>")
        .append("<th scope=\"col\">Kind</th></tr></thead><tbody>");
    for (ListingView v : desk.store().listed(500)) {
      b.append("<tr><td><a href=\"/lookup?ip=")
          .append(esc(v.ip()))
          .append("\">")
          .append(esc(v.ip()))
          .append("</a></td><td>")
          .append(esc(Html.utc(v.since())))
          .append("</td><td>")
          .append(v.impactCount())
          .append("</td><td>")
          .append(esc(Html.utc(v.lastImpact())))
          .append("</td><td>")
          .append(esc(v.evidenceKind()))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    ctx.html(frame(ctx, "Listings", b.toString()));
  }

  private void listOrUnlist(Context ctx, boolean list) {
    Csrf.verify(ctx);
    IpAddress ip = Validate.ip(ctx.formParam("ip"));
    String reason = Validate.text("reason", ctx.formParam("reason"), 3, 500);
    if (list) {
      desk.store().list(ip, reason, AdminDesk.ACTOR);
    } else if (!desk.store().unlist(ip, reason, AdminDesk.ACTOR)) {
      throw new WebProblem(409, ip + " is not listed");
    }
    ctx.redirect("/admin/listings", HttpStatus.SEE_OTHER);
  }

  private void allowlist(Context ctx) {
    String f = Html.csrfField(Csrf.token(ctx));
    StringBuilder b = new StringBuilder();
    b.append("<p>Addresses in these networks are never listed.</p>")
        .append("<form method=\"post\" action=\"/admin/allowlist/add\">" + f)
        .append("<label for=\"network\">Network (CIDR) or address</label><input type=\"text\"")
        .append(" id=\"network\" name=\"network\" required maxlength=\"50\">")
        .append("<label for=\"reason\">Reason</label><input type=\"text\" id=\"reason\"")
        .append(
            " name=\"reason\" required maxlength=\"500\"><p><button type=\"submit\">Add</button>")
        .append("</p></form><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Network</th>")
        .append("<th scope=\"col\">Reason</th><th scope=\"col\">Added</th><th scope=\"col\">")
        .append("<span class=\"muted\">Action</span></th></tr></thead><tbody>");
    for (AdminStore.AllowEntry e : desk.store().allowlist()) {
      b.append("<tr><td>")
          .append(esc(e.network()))
          .append("</td><td>")
          .append(esc(e.reason()))
          .append("</td><td>")
          .append(esc(Html.day(e.added())))
          .append("</td><td><form method=\"post\" action=\"/admin/allowlist/remove\">" + f)
          .append("<input type=\"hidden\" name=\"network\" value=\"")
          .append(esc(e.network()))
          .append(
              "\"><button class=\"secondary\" type=\"submit\">Remove</button></form></td></tr>");
    }
    b.append("</tbody></table></div>");
    ctx.html(frame(ctx, "Allowlist", b.toString()));
  }

  private void allow(Context ctx) {
    Csrf.verify(ctx);
    Cidr net = Validate.network(ctx.formParam("network"));
    String reason = Validate.text("reason", ctx.formParam("reason"), 3, 500);
    desk.store().allow(net, reason, AdminDesk.ACTOR);
    ctx.redirect("/admin/allowlist", HttpStatus.SEE_OTHER);
  }

  private void disallow(Context ctx) {
    Csrf.verify(ctx);
    Cidr net = Validate.network(ctx.formParam("network"));
    if (!desk.store().disallow(net, AdminDesk.ACTOR)) {
      throw WebProblem.notFound(net + " is not on the allowlist");
    }
    ctx.redirect("/admin/allowlist", HttpStatus.SEE_OTHER);
  }

  private void reporters(Context ctx) {
    ctx.html(frame(ctx, "Reporters", reportersBody(ctx, null)));
  }

  private String reportersBody(Context ctx, AdminStore.IssuedReporter issued) {
    String f = Html.csrfField(Csrf.token(ctx));
    StringBuilder b = new StringBuilder();
    if (issued != null) {
      b.append("<div class=\"status clean\" role=\"status\">Token for <strong>")
          .append(esc(issued.reporter().name()))
          .append("</strong>, shown only this once:<pre>")
          .append(esc(issued.token()))
          .append("</pre></div>");
    }
    b.append("<p>Reporters submit reports to <code>POST /api/v1/reports</code> with their token.")
        .append("</p><form method=\"post\" action=\"/admin/reporters/create\">" + f)
        .append("<label for=\"name\">Name</label><input type=\"text\" id=\"name\" name=\"name\"")
        .append(" required maxlength=\"100\"><p><label><input type=\"checkbox\" name=\"trusted\">")
        .append(" Trusted: its reports list alone (otherwise two reporters must agree)</label></p>")
        .append("<p><button type=\"submit\">Create token</button></p>")
        .append("</form><div class=\"scroll\"><table><thead><tr><th scope=\"col\">Name</th>")
        .append("<th scope=\"col\">Created</th><th scope=\"col\">State</th><th scope=\"col\">")
        .append("<span class=\"muted\">Action</span></th></tr></thead><tbody>");
    for (AdminStore.Reporter r : desk.store().reporters()) {
      b.append("<tr><td>")
          .append(esc(r.name()))
          .append("</td><td>")
          .append(esc(Html.day(r.created())))
          .append("</td><td>")
          .append(r.active() ? "active" : "revoked")
          .append(r.trusted() ? ", trusted" : "")
          .append("</td><td>");
      if (r.active()) {
        b.append("<form method=\"post\" action=\"/admin/reporters/")
            .append(r.id())
            .append(
                "/revoke\">" + f + "<button class=\"secondary\" type=\"submit\">Revoke</button>")
            .append("</form>");
      }
      b.append("</td></tr>");
    }
    return b.append("</tbody></table></div>").toString();
  }

  private void createReporter(Context ctx) {
    Csrf.verify(ctx);
    String name = Validate.text("name", ctx.formParam("name"), 1, 100);
    boolean trusted = "on".equals(ctx.formParam("trusted"));
    AdminStore.IssuedReporter issued;
    try {
      issued = desk.store().createReporter(name, trusted, AdminDesk.ACTOR);
    } catch (IllegalArgumentException e) {
      throw new WebProblem(409, e.getMessage());
    }
    ctx.header("Cache-Control", "no-store");
    ctx.html(frame(ctx, "Reporters", reportersBody(ctx, issued)));
  }

  private void revokeReporter(Context ctx) {
    Csrf.verify(ctx);
    String name = Validate.text("name", ctx.formParam("name"), 1, 100);
    if (!desk.store().revokeReporter(name, AdminDesk.ACTOR)) {
      throw WebProblem.notFound("no such active reporter");
    }
    ctx.redirect("/admin/reporters", HttpStatus.SEE_OTHER);
  }

  private void auditPage(Context ctx) {
    StringBuilder b = new StringBuilder();
    b.append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Time</th>")
        .append("<th scope=\"col\">Who</th><th scope=\"col\">Action</th><th scope=\"col\">")
        .append("Subject</th><th scope=\"col\">Detail</th></tr></thead><tbody>");
    for (AuditLog.Entry e : desk.audit().recent(500)) {
      b.append("<tr><td>")
          .append(esc(Html.utc(e.at())))
          .append("</td><td>")
          .append(esc(e.actor()))
          .append("</td><td>")
          .append(esc(e.action()))
          .append("</td><td>")
          .append(esc(e.subject()))
          .append("</td><td>")
          .append(esc(e.detail()))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    ctx.html(frame(ctx, "Audit log", b.toString()));
  }
}
