package org.backstop.web;

import io.javalin.http.Context;

/**
 * Response headers that make the pages safe even if an escaping mistake slipped through: a
 * Content-Security-Policy that allows no script at all and no resource from elsewhere (the site
 * uses none), no framing, no MIME sniffing, no referrer.
 */
final class SecurityHeaders {
  static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (Csrf.secure(ctx)) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
