package org.backstop.check;

import java.net.InetSocketAddress;
import java.util.List;
import org.xbill.DNS.ResolverConfig;

/** Where DNS questions go: a resolver given as {@code ADDR[:PORT]}, or the system's own. */
public final class Resolvers {
  private Resolvers() {}

  /** The system's first configured resolver (resolv.conf), or 127.0.0.1:53. */
  public static InetSocketAddress system() {
    List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
    return servers.isEmpty() ? new InetSocketAddress("127.0.0.1", 53) : servers.get(0);
  }

  /**
   * Parses {@code host:port}, {@code [v6]:port} or a bare address (port 53). Only literal
   * addresses: a resolver given by name would need a resolver to find it.
   */
  public static InetSocketAddress parse(String text) {
    String host = text.trim();
    int port = 53;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("bad resolver address: " + text);
      }
      String rest = host.substring(close + 1);
      host = host.substring(1, close);
      if (rest.startsWith(":")) {
        port = parsePort(rest.substring(1), text);
      } else if (!rest.isEmpty()) {
        throw new IllegalArgumentException("bad resolver address: " + text);
      }
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      port = parsePort(host.substring(host.indexOf(':') + 1), text);
      host = host.substring(0, host.indexOf(':'));
    }
    org.backstop.net.IpAddress a = org.backstop.net.IpAddress.tryParse(host);
    if (a == null) {
      throw new IllegalArgumentException("resolver must be an IP address[:port]: " + text);
    }
    try {
      return new InetSocketAddress(java.net.InetAddress.getByAddress(a.bytes()), port);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("bad resolver address: " + text, e);
    }
  }

  private static int parsePort(String p, String text) {
    try {
      int port = Integer.parseInt(p);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in resolver address: " + text);
    }
  }
}
