package org.backstop.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backstop.listing.EvidenceSample;
import org.backstop.listing.HistoryEvent;
import org.backstop.listing.Listing;
import org.backstop.listing.ListingService;
import org.backstop.listing.LookupResult;
import org.backstop.listing.Outcome;
import org.backstop.net.IpAddress;

/**
 * {@code GET /api/v1/ip/{ip}}: whether an address is listed, since when, why, and the evidence, as
 * JSON; 400 with a JSON error body for a malformed address.
 */
public final class IpLookupApi implements WebServer.Routes {
  private final ListingService listings;

  public IpLookupApi(ListingService listings) {
    this.listings = listings;
  }

  @Override
  public void register(Javalin app) {
    app.get("/api/v1/ip/{ip}", this::lookup);
  }

  private void lookup(Context ctx) {
    IpAddress ip = IpAddress.tryParse(ctx.pathParam("ip"));
    if (ip == null) {
      ApiErrors.send(ctx, 400, "not an IPv4 or IPv6 address");
      return;
    }
    ctx.json(body(listings.lookup(ip)));
  }

  /** The JSON object for a lookup; field names are part of the public API. */
  static Map<String, Object> body(LookupResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ip", r.ip().toString());
    m.put("listed", r.listed());
    Listing l = r.listing();
    if (l != null) {
      m.put("firstReport", l.firstReport());
      m.put("lastReport", l.lastReport());
      m.put("expires", l.expiresAt());
      m.put("impact", l.impact());
      m.put("reason", l.reason());
    }
    if (r.listed() && l != null) {
      // What the result page says, for API users: where to look in the logs, and the fix.
      m.put("logSearch", LookupPage.logSearch(l.lastReport()));
      m.put(
          "advice",
          LookupPage.advice(
              r.evidence().stream()
                  .filter(s -> s.outcome() == Outcome.LISTED || s.outcome() == Outcome.RENEWED)
                  .findFirst()
                  .map(s -> s.kind().label())
                  .orElse(null)));
    }
    m.put("specialPurpose", r.specialPurpose());
    m.put("allowlisted", r.allowlisted());
    m.put("evidence", r.evidence().stream().map(IpLookupApi::sample).toList());
    m.put("history", r.history().stream().map(IpLookupApi::event).toList());
    return m;
  }

  private static Map<String, Object> sample(EvidenceSample s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", s.kind().label());
    m.put("receivedAt", s.receivedAt());
    m.put("summary", s.summary());
    m.put("outcome", s.outcome().label());
    m.put("reason", s.reason());
    return m;
  }

  private static Map<String, Object> event(HistoryEvent e) {
    return new LinkedHashMap<>(
        Map.of("at", e.at(), "event", e.event(), "actor", e.actor(), "reason", e.reason()));
  }
}
