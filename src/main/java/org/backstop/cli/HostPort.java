package org.backstop.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.backstop.net.IpAddress;

/** Parses {@code ADDR:PORT}, {@code [V6ADDR]:PORT} or a bare address (numeric only, no DNS). */
final class HostPort {
  private HostPort() {}

  static InetSocketAddress parse(String text, int defaultPort) {
    String host = text;
    int port = defaultPort;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      host = text.substring(1, close);
      if (close + 1 < text.length() && text.charAt(close + 1) == ':') {
        port = Integer.parseInt(text.substring(close + 2));
      }
    } else if (text.indexOf(':') == text.lastIndexOf(':') && text.indexOf(':') >= 0) {
      host = text.substring(0, text.indexOf(':'));
      port = Integer.parseInt(text.substring(text.indexOf(':') + 1));
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(IpAddress.parse(host).bytes()), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address " + text, e);
    }
  }
}
