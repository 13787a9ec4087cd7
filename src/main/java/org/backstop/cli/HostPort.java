package org.backstop.cli;

import java.net.InetSocketAddress;
import org.backstop.net.IpAddress;

/**
 * A listening address written {@code HOST:PORT}, with IPv6 in brackets ({@code [::1]:5353}). The
 * host must be a literal address: a server binds to an address, never to a DNS name.
 */
public record HostPort(String host, int port) {

  public HostPort {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public static HostPort parse(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new IllegalArgumentException("expected ADDR:PORT, got " + text);
    }
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException("write an IPv6 address in brackets: [" + host + "]:PORT");
    }
    if (IpAddress.tryParse(host) == null) {
      throw new IllegalArgumentException("not an IP address: " + host);
    }
    String p = t.substring(colon + 1);
    if (p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("bad port in " + text);
    }
    return new HostPort(host, Integer.parseInt(p));
  }

  /**
   * Parses {@code ADDR:PORT}, {@code [V6ADDR]:PORT} or a bare address, which gets the default port,
   * straight to a socket address.
   */
  public static InetSocketAddress parse(String text, int defaultPort) {
    String t = text.trim();
    String bare = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
    if (IpAddress.tryParse(bare) != null) {
      return new HostPort(bare, defaultPort).socketAddress();
    }
    return parse(t).socketAddress();
  }

  public InetSocketAddress socketAddress() {
    try {
      // From the parsed bytes, so no name lookup can happen.
      return new InetSocketAddress(
          java.net.InetAddress.getByAddress(IpAddress.parse(host).bytes()), port);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
