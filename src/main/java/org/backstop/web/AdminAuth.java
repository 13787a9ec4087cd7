package org.backstop.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Administrator sessions: a bcrypt password check at login, then a random session token in a cookie
 * that is HttpOnly, SameSite=Strict, and Secure when the request came over TLS.
 *
 * <p>Sessions live in memory (a restart logs everyone out, which is acceptable for a handful of
 * administrators), expire after {@code idle} without use and are bounded in number.
 */
public final class AdminAuth {
  static final String COOKIE = "backstop_admin";
  private static final int MAX_SESSIONS = 1000;

  private final Clock clock;
  private final Supplier<String> passwordHash;
  private final Duration idle;
  private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

  /**
   * @param passwordHash gives the current bcrypt hash, or null when no password is set (then no one
   *     can log in)
   * @param idle how long a session lasts without use
   */
  public AdminAuth(Clock clock, Supplier<String> passwordHash, Duration idle) {
    this.clock = clock;
    this.passwordHash = passwordHash;
    this.idle = idle;
  }

  /** Whether an administrator password has been set. */
  public boolean configured() {
    return passwordHash.get() != null;
  }

  /** Checks the password and, when right, opens a session and sets its cookie. */
  public boolean login(Context ctx, String password) {
    if (password == null || !AdminPassword.verify(password.toCharArray(), passwordHash.get())) {
      return false;
    }
    purge();
    if (sessions.size() >= MAX_SESSIONS) {
      return false;
    }
    String token = Tokens.random();
    sessions.put(token, clock.instant().plus(idle));
    Cookie c = new Cookie(COOKIE, token);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(SameSite.STRICT);
    c.setSecure(Csrf.secure(ctx));
    c.setMaxAge((int) idle.toSeconds());
    ctx.cookie(c);
    return true;
  }

  /** Whether the request carries a live session; extends it when so. */
  public boolean authenticated(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (!Tokens.wellFormed(token)) {
      return false;
    }
    Instant now = clock.instant();
    Instant until = sessions.get(token);
    if (until == null || !now.isBefore(until)) {
      sessions.remove(token);
      return false;
    }
    sessions.put(token, now.plus(idle));
    return true;
  }

  /** Ends the request's session and clears its cookie. */
  public void logout(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token != null) {
      sessions.remove(token);
    }
    ctx.removeCookie(COOKIE, "/");
  }

  private void purge() {
    Instant now = clock.instant();
    for (Iterator<Instant> it = sessions.values().iterator(); it.hasNext(); ) {
      if (!now.isBefore(it.next())) {
        it.remove();
      }
    }
  }
}
