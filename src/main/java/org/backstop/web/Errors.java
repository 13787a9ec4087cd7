package org.backstop.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into answers: JSON error bodies with the right status under {@code /api/} and
 * {@code /metrics}, short HTML pages elsewhere. Unexpected exceptions are logged and answered with
 * 500 without their text, which could reveal internals.
 */
public final class Errors {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  /** Installs the handlers on the app. */
  public static void install(Javalin app) {
    app.exception(WebProblem.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage()));
    app.exception(
        HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage()));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
          answer(ctx, 500, "internal error");
        });
    app.error(404, ctx -> fillIfEmpty(ctx, 404, "not found"));
    app.error(405, ctx -> fillIfEmpty(ctx, 405, "method not allowed"));
  }

  private static void fillIfEmpty(Context ctx, int status, String message) {
    String body = ctx.result();
    if (body == null || body.isEmpty() || body.equals("Not Found") || body.startsWith("Method")) {
      answer(ctx, status, message);
    }
  }

  /** Answers with a status and message in the form the path calls for. */
  public static void answer(Context ctx, int status, String message) {
    ctx.status(status);
    if (isApi(ctx)) {
      ctx.json(ApiError.of(status, message));
    } else {
      ctx.html(
          Html.page(
              "Error " + status,
              "<h1>Error "
                  + status
                  + "</h1><p class=\"error\">"
                  + Html.esc(message)
                  + "</p>"
                  + "<p><a href=\"/\">Check an address</a></p>"));
    }
  }

  static boolean isApi(Context ctx) {
    return ctx.path().startsWith("/api/");
  }
}
