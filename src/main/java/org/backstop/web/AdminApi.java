package org.backstop.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * The administrators' JSON API under {@code /api/v1/admin/}: the same actions as the pages,
 * authenticated by the session cookie that {@code POST /api/v1/admin/login} sets. Without a session
 * every call answers 401 with a JSON error body. Bodies are JSON only, which keeps them safe from
 * cross-site forgery.
 */
public final class AdminApi {
  private final AdminDesk desk;

  public AdminApi(AdminDesk desk) {
    this.desk = desk;
  }

  public void register(Javalin app) {
    app.before("/api/v1/admin/*", this::guard);
    app.post("/api/v1/admin/login", this::login);
    app.post("/api/v1/admin/logout", this::logout);
    app.get("/api/v1/admin/delist-requests", this::queue);
    app.post("/api/v1/admin/delist-requests/{token}", this::decide);
    app.get("/api/v1/admin/listings", this::listings);
    app.post("/api/v1/admin/listings", this::listOrUnlist);
    app.get("/api/v1/admin/allowlist", this::allowlist);
    app.post("/api/v1/admin/allowlist", this::changeAllowlist);
    app.get("/api/v1/admin/reporters", this::reporters);
    app.post("/api/v1/admin/reporters", this::createReporter);
    app.delete("/api/v1/admin/reporters/{name}", this::revokeReporter);
    app.get("/api/v1/admin/audit", this::audit);
  }

  private void guard(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    if (!ctx.path().equals("/api/v1/admin/login") && !desk.auth().authenticated(ctx)) {
      throw new WebProblem(401, "log in first: POST /api/v1/admin/login");
    }
  }

  private void login(Context ctx) {
    String password = JsonBody.text(JsonBody.read(ctx), "password");
    if (!desk.login(ctx, password, "api")) {
      throw new WebProblem(401, "wrong password");
    }
    ctx.json(Map.of("loggedIn", true));
  }

  private void logout(Context ctx) {
    desk.auth().logout(ctx);
    desk.record("admin.logout", "", "api");
    ctx.status(204);
  }

  private void queue(Context ctx) {
    ctx.json(desk.delisting().queue().stream().map(AdminApi::request).toList());
  }

  private void decide(Context ctx) {
    JsonNode n = JsonBody.read(ctx);
    String decision = JsonBody.text(n, "decision");
    if (!"approve".equals(decision) && !"reject".equals(decision)) {
      throw WebProblem.badRequest("decision must be \"approve\" or \"reject\"");
    }
    DelistRequest r =
        desk.delisting()
            .decide(
                ctx.pathParam("token"),
                decision.equals("approve"),
                JsonBody.text(n, "reason"),
                AdminDesk.ACTOR);
    ctx.json(request(r));
  }

  private void listings(Context ctx) {
    ctx.json(
        desk.store().listed(1000).stream()
            .map(v -> LookupPage.json(v.ip(), java.util.Optional.of(v)))
            .toList());
  }

  private void listOrUnlist(Context ctx) {
    JsonNode n = JsonBody.read(ctx);
    String action = JsonBody.text(n, "action");
    if (!"list".equals(action) && !"unlist".equals(action)) {
      throw WebProblem.badRequest("action must be \"list\" or \"unlist\"");
    }
    IpAddress ip = Validate.ip(JsonBody.text(n, "ip"));
    String reason = Validate.text("reason", JsonBody.text(n, "reason"), 3, 500);
    if (action.equals("list")) {
      desk.store().list(ip, reason, AdminDesk.ACTOR);
    } else if (!desk.store().unlist(ip, reason, AdminDesk.ACTOR)) {
      throw new WebProblem(409, ip + " is not listed");
    }
    ctx.json(Map.of("ip", ip.toString(), "action", action, "reason", reason));
  }

  private void allowlist(Context ctx) {
    ctx.json(
        desk.store().allowlist().stream()
            .map(
                e ->
                    Map.of(
                        "network", e.network().toString(),
                        "reason", e.reason(),
                        "added", LookupPage.iso(e.added())))
            .toList());
  }

  private void changeAllowlist(Context ctx) {
    JsonNode n = JsonBody.read(ctx);
    String action = JsonBody.text(n, "action");
    Cidr net = Validate.network(JsonBody.text(n, "network"));
    if ("add".equals(action)) {
      String reason = Validate.text("reason", JsonBody.text(n, "reason"), 3, 500);
      desk.store().allow(net, reason, AdminDesk.ACTOR);
    } else if ("remove".equals(action)) {
      if (!desk.store().disallow(net, AdminDesk.ACTOR)) {
        throw WebProblem.notFound(net + " is not on the allowlist");
      }
    } else {
      throw WebProblem.badRequest("action must be \"add\" or \"remove\"");
    }
    ctx.json(Map.of("network", net.toString(), "action", action));
  }

  private void reporters(Context ctx) {
    ctx.json(desk.store().reporters().stream().map(AdminApi::reporter).toList());
  }

  private void createReporter(Context ctx) {
    JsonNode n = JsonBody.read(ctx);
    String name = Validate.text("name", JsonBody.text(n, "name"), 1, 100);
    JsonNode t = n.get("trusted");
    boolean trusted = t != null && t.asBoolean(false);
    AdminStore.IssuedReporter issued;
    try {
      issued = desk.store().createReporter(name, trusted, AdminDesk.ACTOR);
    } catch (IllegalArgumentException e) {
      throw new WebProblem(409, e.getMessage());
    }
    Map<String, Object> m = reporter(issued.reporter());
    m.put("token", issued.token());
    ctx.status(201).json(m);
  }

  private void revokeReporter(Context ctx) {
    String name = Validate.text("name", ctx.pathParam("name"), 1, 100);
    if (!desk.store().revokeReporter(name, AdminDesk.ACTOR)) {
      throw WebProblem.notFound("no such active reporter");
    }
    ctx.status(204);
  }

  private void audit(Context ctx) {
    List<Map<String, Object>> out =
        desk.audit().recent(1000).stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("at", LookupPage.iso(e.at()));
                  m.put("actor", e.actor());
                  m.put("action", e.action());
                  m.put("subject", e.subject());
                  m.put("detail", e.detail());
                  return m;
                })
            .toList();
    ctx.json(out);
  }

  static Map<String, Object> request(DelistRequest r) {
    Map<String, Object> m = DelistRoutes.json(r);
    m.put("explanation", r.explanation());
    m.put("contact", r.contact());
    m.put("decidedBy", r.decidedBy());
    return m;
  }

  private static Map<String, Object> reporter(AdminStore.Reporter r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("trusted", r.trusted());
    m.put("created", LookupPage.iso(r.created()));
    m.put("active", r.active());
    return m;
  }
}
