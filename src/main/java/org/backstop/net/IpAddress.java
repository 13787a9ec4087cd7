package org.backstop.net;

import java.util.Locale;

/**
 * An IPv4 or IPv6 address as a value: 128 bits in two longs, IPv4 in the low 32 bits.
 *
 * <p>Parsing is strict and never touches DNS (unlike {@link java.net.InetAddress#getByName}),
 * because every address Backstop parses comes from the network or a user. Text forms follow RFC
 * 4291 section 2.2 on input and RFC 5952 on output; the reversed form is the DNSBL query name of
 * RFC 5782 section 2.1 (IPv4) and 2.4 (IPv6 nibbles).
 */
public record IpAddress(long hi, long lo, boolean v6) implements Comparable<IpAddress> {

  public IpAddress {
    if (!v6 && (hi != 0 || (lo >>> 32) != 0)) {
      throw new IllegalArgumentException("IPv4 address wider than 32 bits");
    }
  }

  /** An IPv4 address from its 32 bits in network order. */
  public static IpAddress ofV4(int bits) {
    return new IpAddress(0, bits & 0xFFFF_FFFFL, false);
  }

  /** An IPv6 address from its high and low 64 bits. */
  public static IpAddress ofV6(long hi, long lo) {
    return new IpAddress(hi, lo, true);
  }

  /** An address from 4 or 16 bytes in network order. */
  public static IpAddress ofBytes(byte[] b) {
    if (b.length == 4) {
      return ofV4(
          ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
    }
    if (b.length == 16) {
      long h = 0;
      long l = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (b[i] & 0xFF);
        l = (l << 8) | (b[i + 8] & 0xFF);
      }
      return ofV6(h, l);
    }
    throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + b.length);
  }

  /**
   * Parses an IPv4 dotted quad or an IPv6 address (with {@code ::} and an embedded dotted quad).
   *
   * @throws IllegalArgumentException with a message fit to show a user
   */
  public static IpAddress parse(String text) {
    IpAddress a = tryParse(text);
    if (a == null) {
      throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + abbreviate(text));
    }
    return a;
  }

  /** Like {@link #parse} but returns null for a malformed address. */
  public static IpAddress tryParse(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      long v = parseV4(text, 0, text.length());
      return v < 0 ? null : new IpAddress(0, v, false);
    }
    return parseV6(text);
  }

  /** Parses a dotted quad in {@code s[from, to)}; returns -1 when malformed. */
  static long parseV4(CharSequence s, int from, int to) {
    long value = 0;
    int octets = 0;
    int i = from;
    while (i <= to) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return -1;
        }
      }
      int len = i - start;
      if (len == 0 || octet > 255 || (len > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || octets == 4) {
        return -1;
      }
      i++;
    }
    return octets == 4 ? value : -1;
  }

  private static IpAddress parseV6(String s) {
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    int n = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (n == 2) {
        return ofV6(0, 0);
      }
    } else if (s.startsWith(":")) {
      return null;
    }
    while (i < n) {
      int start = i;
      int v = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        v = (v << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        // Embedded IPv4 in the last 32 bits (RFC 4291 section 2.2, form 3).
        long v4 = parseV4(s, start, n);
        if (v4 < 0 || count > 6) {
          return null;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = n;
        break;
      }
      if (i == start || count == 8) {
        return null;
      }
      groups[count++] = v;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null;
      }
    }
    if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
      return null;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = count - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long h = 0;
    long l = 0;
    for (int g = 0; g < 4; g++) {
      h = (h << 16) | full[g];
      l = (l << 16) | full[g + 4];
    }
    return ofV6(h, l);
  }

  public boolean isV4() {
    return !v6;
  }

  /** The IPv4 address's 32 bits; only for IPv4 addresses. */
  public int v4() {
    if (v6) {
      throw new IllegalStateException("not an IPv4 address: " + this);
    }
    return (int) lo;
  }

  /** The address length in bits: 32 or 128. */
  public int bits() {
    return v6 ? 128 : 32;
  }

  /** The address as 4 or 16 bytes in network order. */
  public byte[] bytes() {
    if (!v6) {
      int v = (int) lo;
      return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[i + 8] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  /** For an IPv4-mapped IPv6 address (::ffff:a.b.c.d), the IPv4 address; otherwise this. */
  public IpAddress unmapped() {
    if (v6 && hi == 0 && (lo >>> 32) == 0xFFFFL) {
      return ofV4((int) lo);
    }
    return this;
  }

  /** The RFC 5782 query label sequence, without the zone: {@code 2.0.0.127} for 127.0.0.2. */
  public String reversedName() {
    StringBuilder sb = new StringBuilder(v6 ? 63 : 15);
    if (!v6) {
      int v = (int) lo;
      sb.append(v & 0xFF).append('.').append((v >>> 8) & 0xFF).append('.');
      sb.append((v >>> 16) & 0xFF).append('.').append(v >>> 24);
      return sb.toString();
    }
    for (int i = 0; i < 32; i++) {
      long word = i < 16 ? lo : hi;
      int nibble = (int) (word >>> (4 * (i % 16))) & 0xF;
      if (i > 0) {
        sb.append('.');
      }
      sb.append(Character.forDigit(nibble, 16));
    }
    return sb.toString();
  }

  /**
   * Decodes an RFC 5782 reversed name (4 decimal labels or 32 nibble labels, zone removed).
   *
   * @return the address, or null when the name is not a complete reversed address
   */
  public static IpAddress fromReversedName(String name) {
    String[] labels = name.split("\\.", -1);
    if (labels.length == 4) {
      StringBuilder sb = new StringBuilder(15);
      for (int i = 3; i >= 0; i--) {
        sb.append(labels[i]);
        if (i > 0) {
          sb.append('.');
        }
      }
      long v = parseV4(sb, 0, sb.length());
      return v < 0 ? null : ofV4((int) v);
    }
    if (labels.length == 32) {
      long h = 0;
      long l = 0;
      for (int i = 31; i >= 0; i--) {
        if (labels[i].length() != 1) {
          return null;
        }
        int d = Character.digit(labels[i].charAt(0), 16);
        if (d < 0) {
          return null;
        }
        if (i >= 16) {
          h = (h << 4) | d;
        } else {
          l = (l << 4) | d;
        }
      }
      return ofV6(h, l);
    }
    return null;
  }

  /** RFC 5952 text: lower case, the longest run of two or more zero groups as {@code ::}. */
  @Override
  public String toString() {
    if (!v6) {
      int v = (int) lo;
      return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }
    if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
      return "::ffff:" + ofV4((int) lo);
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
      g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public int compareTo(IpAddress o) {
    if (v6 != o.v6) {
      return v6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, o.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
