package org.backstop.web;

import static org.backstop.web.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backstop.web.DelistRequest.Status;

/**
 * Delisting for the people whose server is listed: the form {@code GET/POST /delist}, the JSON API
 * {@code POST /api/v1/delist}, and the status of a request behind its unguessable link, {@code
 * /delist/status/{token}} and {@code /api/v1/delist/{token}}. Submissions are rate limited per
 * client (429 with Retry-After); form posts need the CSRF token.
 */
public final class DelistRoutes {

  private final DelistService service;
  private final RateLimiter limiter;

  public DelistRoutes(DelistService service, RateLimiter limiter) {
    this.service = service;
    this.limiter = limiter;
  }

  public void register(Javalin app) {
    app.get("/delist", this::form);
    app.post("/delist", this::post);
    app.get("/delist/status/{token}", this::statusPage);
    app.post("/api/v1/delist", this::postJson);
    app.get("/api/v1/delist/{token}", this::statusJson);
  }

  private void form(Context ctx) {
    String ip = ctx.queryParam("ip");
    ctx.html(Html.page("Request delisting", formBody(Csrf.token(ctx), ip, "", "", null)));
  }

  static String formBody(String csrf, String ip, String explanation, String contact, String error) {
    return "<h1>Request delisting</h1>"
        + "<p>Delisting is free. A request is approved at once when no report arrived in the last"
        + " 48 hours and the address was not delisted more than twice in 90 days; otherwise a"
        + " person reviews it, usually within a day. A new report after delisting lists the"
        + " address again, so fix the cause first.</p>"
        + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
        + "<form method=\"post\" action=\"/delist\">"
        + Html.csrfField(csrf)
        + "<label for=\"ip\">IP address</label><input type=\"text\" id=\"ip\" name=\"ip\""
        + " required maxlength=\"45\" spellcheck=\"false\" value=\""
        + esc(ip)
        + "\"><label for=\"explanation\">What did you fix?</label>"
        + "<textarea id=\"explanation\" name=\"explanation\" required minlength=\""
        + DelistService.MIN_EXPLANATION
        + "\" maxlength=\""
        + DelistService.MAX_EXPLANATION
        + "\">"
        + esc(explanation)
        + "</textarea><label for=\"contact\">Your email address</label>"
        + "<input type=\"email\" id=\"contact\" name=\"contact\" required maxlength=\"254\""
        + " autocomplete=\"email\" value=\""
        + esc(contact)
        + "\"><p><button type=\"submit\">Request delisting</button></p></form>";
  }

  private void post(Context ctx) {
    Csrf.verify(ctx);
    limit(ctx);
    String ip = ctx.formParam("ip");
    String explanation = ctx.formParam("explanation");
    String contact = ctx.formParam("contact");
    DelistRequest r;
    try {
      r = service.submit(ip, explanation, contact);
    } catch (WebProblem e) {
      ctx.status(e.status())
          .html(
              Html.page(
                  "Request delisting",
                  formBody(
                      Csrf.token(ctx),
                      Validate.abbreviate(nz(ip)),
                      cut(explanation, DelistService.MAX_EXPLANATION),
                      cut(contact, DelistService.MAX_CONTACT),
                      e.getMessage())));
      return;
    }
    ctx.redirect("/delist/status/" + r.token(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void postJson(Context ctx) {
    JsonNode n = JsonBody.read(ctx);
    limit(ctx);
    DelistRequest r =
        service.submit(
            JsonBody.text(n, "ip"), JsonBody.text(n, "explanation"), JsonBody.text(n, "contact"));
    ctx.status(r.status() == Status.APPROVED ? 201 : 202);
    ctx.header("Location", "/api/v1/delist/" + r.token());
    ctx.json(json(r));
  }

  private void statusPage(Context ctx) {
    DelistRequest r =
        service
            .status(ctx.pathParam("token"))
            .orElseThrow(() -> WebProblem.notFound("no such delisting request"));
    String css =
        switch (r.status()) {
          case APPROVED -> "clean";
          case QUEUED -> "queued";
          case REJECTED -> "listed";
        };
    String headline =
        switch (r.status()) {
          case APPROVED -> "Approved: " + r.ip() + " is delisted.";
          case QUEUED -> "Queued: a person will review this request.";
          case REJECTED -> "Rejected: " + r.ip() + " stays listed.";
        };
    ctx.html(
        Html.page(
            "Delisting request",
            "<h1>Delisting request for "
                + esc(r.ip())
                + "</h1><div class=\"status "
                + css
                + "\" role=\"status\"><strong>"
                + esc(headline)
                + "</strong> "
                + esc(sentence(why(r)))
                + "</div><dl class=\"facts\"><dt>Requested</dt><dd>"
                + esc(Html.utc(r.created()))
                + "</dd><dt>Decided</dt><dd>"
                + esc(Html.utc(r.decided()))
                + "</dd></dl><p>Keep this page's address: it is the only way to follow this"
                + " request. DNS resolvers may cache the old answer for up to an hour.</p>"
                + "<p><a href=\"/lookup?ip="
                + esc(r.ip())
                + "\">Check "
                + esc(r.ip())
                + " again</a></p>"));
  }

  private void statusJson(Context ctx) {
    ctx.json(
        json(
            service
                .status(ctx.pathParam("token"))
                .orElseThrow(() -> WebProblem.notFound("no such delisting request"))));
  }

  /** The reason to show: the decision's, or for a queued request what the policy says now. */
  private String why(DelistRequest r) {
    if (r.reason() != null && !r.reason().isBlank()) {
      return r.reason();
    }
    return r.status() == Status.QUEUED ? service.assess(r.ip()) : "";
  }

  private static String sentence(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
  }

  static Map<String, Object> json(DelistRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("token", r.token());
    m.put("ip", r.ip().toString());
    m.put("status", r.status().label());
    m.put("reason", r.reason());
    m.put("created", LookupPage.iso(r.created()));
    m.put("decided", LookupPage.iso(r.decided()));
    m.put("statusUrl", "/delist/status/" + r.token());
    return m;
  }

  private void limit(Context ctx) {
    String key = ClientKey.of(ctx);
    if (!limiter.tryAcquire(key)) {
      ctx.header("Retry-After", Long.toString(limiter.retryAfterSeconds(key)));
      throw new WebProblem(429, "too many delisting requests from your network; try again later");
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String cut(String s, int max) {
    String v = nz(s);
    return v.length() > max ? v.substring(0, max) : v;
  }
}
