package org.backstop.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.backstop.listing.Decision;
import org.backstop.listing.Evidence;
import org.backstop.listing.ListingService;
import org.backstop.listing.MessageEvidence;
import org.backstop.listing.Reporter;
import org.backstop.net.IpAddress;

/**
 * {@code POST /api/v1/reports?ip=ADDR}: a reporter submits one raw message (RFC 5322, the request
 * body) that the given address delivered to it, authenticated by its bearer token (RFC 6750). The
 * answer says what the policy did and why.
 */
public final class ReportApi implements WebServer.Routes {
  private final ListingService listings;
  private final MessageEvidence evidence;

  public ReportApi(ListingService listings, MessageEvidence evidence) {
    this.listings = listings;
    this.evidence = evidence;
  }

  @Override
  public void register(Javalin app) {
    app.post("/api/v1/reports", this::report);
  }

  private void report(Context ctx) throws IOException {
    Optional<Reporter> reporter = listings.authenticate(bearer(ctx.header("Authorization")));
    if (reporter.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"backstop\"");
      ApiErrors.send(ctx, 401, "a valid reporter token is required (Authorization: Bearer TOKEN)");
      return;
    }
    String ipText = ctx.queryParam("ip");
    if (ipText == null || ipText.isBlank()) {
      ApiErrors.send(ctx, 400, "the source address is required: ?ip=ADDR");
      return;
    }
    IpAddress ip = IpAddress.tryParse(ipText.trim());
    if (ip == null) {
      ApiErrors.send(ctx, 400, "not an IPv4 or IPv6 address");
      return;
    }
    byte[] message = readBounded(ctx);
    if (message == null) {
      ApiErrors.send(
          ctx, 413, "the message exceeds " + MessageEvidence.MAX_MESSAGE_BYTES + " bytes");
      return;
    }
    if (message.length == 0) {
      ApiErrors.send(ctx, 400, "the request body must be the raw message");
      return;
    }
    Evidence e =
        evidence.report(
            "report:" + UUID.randomUUID(),
            reporter.get().id(),
            listings.clock().instant(),
            ip,
            message);
    Decision d = listings.record(e);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", e.id());
    body.put("ip", ip.toString());
    body.put("kind", e.kind().label());
    body.put("outcome", d.outcome().label());
    body.put("reason", d.reason());
    ctx.status(202).json(body);
  }

  static String bearer(String header) {
    if (header == null || header.length() > 512) {
      return null;
    }
    String h = header.trim();
    if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return h.substring(7).trim();
  }

  /** The body, or null when it is larger than a message may be. */
  private static byte[] readBounded(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MessageEvidence.MAX_MESSAGE_BYTES) {
      return null;
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] b = in.readNBytes(MessageEvidence.MAX_MESSAGE_BYTES + 1);
      return b.length > MessageEvidence.MAX_MESSAGE_BYTES ? null : b;
    }
  }
}
