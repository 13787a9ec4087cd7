package org.backstop.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * Cross-site request forgery protection for HTML forms by the double-submit cookie pattern (OWASP
 * CSRF cheat sheet): a random token lives in a SameSite=Strict, HttpOnly cookie and in a hidden
 * form field, and a form post is accepted only when the two agree. Another site can make a browser
 * post a form but can neither read nor set the cookie.
 *
 * <p>The JSON API needs no token: it accepts only {@code application/json} bodies, which a
 * cross-site page cannot send without a CORS preflight that this server never grants.
 */
public final class Csrf {
  static final String COOKIE = "backstop_csrf";
  static final String FIELD = "csrf";

  private Csrf() {}

  /** The client's token, setting a new cookie when it has none. */
  public static String token(Context ctx) {
    String t = ctx.attribute(COOKIE);
    if (t == null) {
      t = ctx.cookie(COOKIE);
    }
    if (Tokens.wellFormed(t)) {
      return t;
    }
    t = Tokens.random();
    Cookie c = new Cookie(COOKIE, t);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(SameSite.STRICT);
    c.setSecure(secure(ctx));
    c.setMaxAge(-1);
    ctx.cookie(c);
    // Later calls in the same request must see the same token.
    ctx.attribute(COOKIE, t);
    return t;
  }

  /**
   * Rejects a form post whose token is missing or does not match the cookie.
   *
   * @throws WebProblem 403
   */
  public static void verify(Context ctx) {
    String cookie = ctx.cookie(COOKIE);
    String field = ctx.formParam(FIELD);
    if (!Tokens.wellFormed(cookie) || !Tokens.same(cookie, field)) {
      throw new WebProblem(
          403, "the form's security token is missing or stale: reload the page and try again");
    }
  }

  /** Whether cookies must be Secure: when the request came over TLS. */
  static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme());
  }
}
