package org.backstop.web;

import io.javalin.http.Context;
import java.time.Clock;

/**
 * What the administrators' pages and their JSON API share: the services they act on, the audit
 * trail every action writes, and the rate-limited password check.
 */
record AdminDesk(
    Clock clock,
    AdminAuth auth,
    DelistService delisting,
    AdminStore store,
    AuditLog audit,
    RateLimiter loginLimiter) {
  static final String ACTOR = "admin";

  /** Writes one administrator action to the audit log. */
  void record(String action, String subject, String detail) {
    audit.record(new AuditLog.Entry(clock.instant(), ACTOR, action, subject, detail));
  }

  /**
   * Checks a login attempt and opens a session when the password is right; answers 429 (with
   * Retry-After) once a client has tried too often, and audits success and failure alike.
   *
   * @param via where the attempt came from, for the audit log ("" for the pages, "api")
   */
  boolean login(Context ctx, String password, String via) {
    String key = ClientKey.of(ctx);
    if (!loginLimiter.tryAcquire(key)) {
      ctx.header("Retry-After", Long.toString(loginLimiter.retryAfterSeconds(key)));
      throw new WebProblem(429, "too many login attempts; try again later");
    }
    boolean ok = password != null && password.length() <= 200 && auth.login(ctx, password);
    record(ok ? "admin.login" : "admin.login-failed", key, via);
    return ok;
  }
}
