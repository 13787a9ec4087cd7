package org.backstop.zone;

/**
 * The address syntax of rbldnsd data files: IPv4 prefixes ({@code 127.0.0}), CIDR ({@code
 * 127.16/12}), ranges ({@code 127.0.0.1-255}, {@code 127.16-127.31}) and IPv6 networks with omitted
 * trailing groups ({@code 2001:21ab:c000/36}). Errors are {@link SyntaxError}s whose message
 * matches rbldnsd's where it has one.
 */
final class EntrySyntax {
  private EntrySyntax() {}

  /** A malformed entry; the message is shown with file:line. */
  static final class SyntaxError extends Exception {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses up to 4 dotted decimal octets; returns {value, count} or throws. */
  private static long[] octets(String s, int from, int to) throws SyntaxError {
    long v = 0;
    int n = 0;
    int i = from;
    if (from >= to) {
      throw new SyntaxError("invalid address");
    }
    while (i < to) {
      int start = i;
      int o = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
        o = o * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || o > 255 || n == 4) {
        throw new SyntaxError("invalid address");
      }
      v = (v << 8) | o;
      n++;
      if (i < to) {
        if (s.charAt(i) != '.' || i + 1 == to) {
          throw new SyntaxError("invalid address");
        }
        i++;
      }
    }
    return new long[] {v, n};
  }

  /** An IPv4 entry as the inclusive unsigned range {first, last}. */
  static long[] ip4Range(String s, boolean allowRange) throws SyntaxError {
    int slash = s.indexOf('/');
    int dash = s.indexOf('-');
    if (slash >= 0) {
      long[] p = octets(s, 0, slash);
      int len = prefixLength(s.substring(slash + 1), 32);
      long first = p[0] << (8 * (4 - p[1]));
      long host = len == 32 ? 0 : (1L << (32 - len)) - 1;
      if ((first & host) != 0) {
        throw new SyntaxError("invalid range (non-zero host part)");
      }
      return new long[] {first, first | host};
    }
    if (dash >= 0) {
      if (!allowRange) {
        throw new SyntaxError("invalid address");
      }
      long[] a = octets(s, 0, dash);
      long[] b = octets(s, dash + 1, s.length());
      long first = a[0] << (8 * (4 - a[1]));
      long last;
      if (b[1] != a[1] && b[1] != 1) {
        // rbldnsd: both boundaries have the same number of octets, or the second just one
        throw new SyntaxError("invalid address");
      }
      if (b[1] == 1 && a[1] > 1) {
        // "127.16-31": the one octet replaces the last octet given in the first boundary
        long head = (a[0] >>> 8) << 8 | b[0];
        last = head << (8 * (4 - a[1])) | ((1L << (8 * (4 - a[1]))) - 1);
      } else {
        last = b[0] << (8 * (4 - b[1])) | ((1L << (8 * (4 - b[1]))) - 1);
      }
      if (last < first) {
        throw new SyntaxError("invalid range (start > end)");
      }
      return new long[] {first, last};
    }
    long[] p = octets(s, 0, s.length());
    long first = p[0] << (8 * (4 - p[1]));
    return new long[] {first, first | ((1L << (8 * (4 - p[1]))) - 1)};
  }

  /** A single complete IPv4 address (ip4tset). */
  static int ip4Single(String s) throws SyntaxError {
    long[] p = octets(s, 0, s.length());
    if (p[1] != 4) {
      throw new SyntaxError("invalid address");
    }
    return (int) p[0];
  }

  /** An IPv4 entry as a CIDR network {address, prefix} (ip4trie: no ranges). */
  static long[] ip4Cidr(String s) throws SyntaxError {
    long[] r = ip4Range(s, false);
    long size = r[1] - r[0] + 1;
    int len = 32 - Long.numberOfTrailingZeros(size);
    return new long[] {r[0], len};
  }

  /** An IPv6 entry as {hi, lo, prefix}; trailing groups may be omitted (prefix = groups * 16). */
  static long[] ip6(String s) throws SyntaxError {
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    long hi;
    long lo;
    int len;
    if (addr.indexOf('.') >= 0) {
      throw new SyntaxError("invalid address"); // rbldnsd takes no embedded IPv4 here
    }
    if (addr.contains("::")) {
      org.backstop.net.IpAddress a = org.backstop.net.IpAddress.tryParse(addr);
      if (a == null || a.isV4()) {
        throw new SyntaxError("invalid address");
      }
      hi = a.hi();
      lo = a.lo();
      len = 128;
    } else {
      String[] g = addr.split(":", -1);
      if (g.length > 8 || addr.isEmpty()) {
        throw new SyntaxError("invalid address");
      }
      long[] words = new long[8];
      for (int i = 0; i < g.length; i++) {
        if (g[i].isEmpty() || g[i].length() > 4) {
          throw new SyntaxError("invalid address");
        }
        for (int k = 0; k < g[i].length(); k++) {
          if (Character.digit(g[i].charAt(k), 16) < 0) {
            throw new SyntaxError("invalid address");
          }
        }
        words[i] = Long.parseLong(g[i], 16);
      }
      hi = words[0] << 48 | words[1] << 32 | words[2] << 16 | words[3];
      lo = words[4] << 48 | words[5] << 32 | words[6] << 16 | words[7];
      len = g.length * 16;
    }
    if (slash >= 0) {
      len = prefixLength(s.substring(slash + 1), 128);
    }
    if ((hi & ~Masks.hi(len)) != 0 || (lo & ~Masks.lo(len)) != 0) {
      throw new SyntaxError("invalid range (non-zero host part)");
    }
    return new long[] {hi, lo, len};
  }

  private static int prefixLength(String p, int max) throws SyntaxError {
    if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new SyntaxError("invalid prefix length");
    }
    int len = Integer.parseInt(p);
    if (len > max) {
      throw new SyntaxError("invalid prefix length");
    }
    return len;
  }

  /** A domain entry: lower case, final dot removed; null when malformed. */
  static String domain(String s) {
    String d = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    if (d.isEmpty() || d.length() > 253 || d.startsWith(".") || d.contains("..")) {
      return null;
    }
    return d.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * An A value as written after a colon: a full address, or its last octets with {@code 127.0.0}
   * understood ({@code 2} is 127.0.0.2).
   */
  static int aValue(String s) throws SyntaxError {
    long[] p = octets(s, 0, s.length());
    long base = p[1] == 4 ? 0 : 0x7F000000L;
    return (int) (base | p[0]);
  }

  /** A time with rbldnsd's optional unit suffix: s, m, h, d or w. */
  static int time(String s) throws SyntaxError {
    if (s.isEmpty()) {
      throw new SyntaxError("invalid time");
    }
    char unit = Character.toLowerCase(s.charAt(s.length() - 1));
    int mul =
        switch (unit) {
          case 's' -> 1;
          case 'm' -> 60;
          case 'h' -> 3600;
          case 'd' -> 86400;
          case 'w' -> 604800;
          default -> 0;
        };
    String num = mul == 0 ? s : s.substring(0, s.length() - 1);
    if (num.isEmpty() || num.length() > 10 || !num.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new SyntaxError("invalid time: " + s);
    }
    long v = Long.parseLong(num) * (mul == 0 ? 1 : mul);
    if (v > Integer.MAX_VALUE) {
      throw new SyntaxError("time too large: " + s);
    }
    return (int) v;
  }
}
