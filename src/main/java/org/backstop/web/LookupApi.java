package org.backstop.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.backstop.net.IpAddress;

/**
 * {@code GET /api/v1/ip/{ip}}: the JSON form of the result page. A malformed address gets 400 with
 * a JSON error body.
 */
public final class LookupApi {
  private final Lookups lookups;

  public LookupApi(Lookups lookups) {
    this.lookups = lookups;
  }

  public void register(Javalin app) {
    app.get("/api/v1/ip/{ip}", this::lookup);
  }

  private void lookup(Context ctx) {
    IpAddress ip = Validate.ip(ctx.pathParam("ip"));
    ctx.json(LookupPage.json(ip, lookups.find(ip)));
  }
}
