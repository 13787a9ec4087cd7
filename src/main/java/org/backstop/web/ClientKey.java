package org.backstop.web;

import io.javalin.http.Context;
import org.backstop.net.IpAddress;

/**
 * The key a client is rate-limited under: its IPv4 address, or its IPv6 /64, since one IPv6 host
 * usually holds a whole /64 and could otherwise rotate addresses to escape the limit. Proxy headers
 * are not trusted: behind a reverse proxy, configure the proxy to limit.
 */
final class ClientKey {
  private ClientKey() {}

  static String of(Context ctx) {
    String remote = ctx.req().getRemoteAddr();
    IpAddress ip = IpAddress.tryParse(remote == null ? "" : strip(remote));
    if (ip == null) {
      return String.valueOf(remote);
    }
    ip = ip.unmapped();
    return ip.isV4() ? ip.toString() : IpAddress.ofV6(ip.hi(), 0) + "/64";
  }

  private static String strip(String s) {
    // Jetty may give IPv6 in brackets.
    return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
  }
}
