package org.backstop.zone;

/**
 * Decodes RFC 5782 query names (section 2.1: four decimal labels, section 2.4: 32 nibble labels)
 * straight from the name text, without splitting it into strings, because it runs once per query.
 */
public final class ReverseNames {
  private ReverseNames() {}

  /** The IPv4 address (as unsigned 32 bits) named by {@code d.c.b.a}, or -1. */
  public static long v4(String name) {
    int n = name.length();
    if (n < 7 || n > 15) {
      return -1;
    }
    long addr = 0;
    int labels = 0;
    int i = 0;
    while (i < n) {
      int v = 0;
      int start = i;
      while (i < n && name.charAt(i) != '.') {
        char c = name.charAt(i);
        if (c < '0' || c > '9' || i - start >= 3) {
          return -1;
        }
        v = v * 10 + (c - '0');
        i++;
      }
      if (i == start || v > 255 || labels == 4) {
        return -1;
      }
      addr |= (long) v << (8 * labels);
      labels++;
      i++;
      if (i == n && name.charAt(n - 1) == '.') {
        return -1;
      }
    }
    return labels == 4 ? addr : -1;
  }

  /**
   * Decodes 32 nibble labels into {@code out[0]} (high 64 bits) and {@code out[1]} (low 64 bits).
   *
   * @return false when the name is not a complete reversed IPv6 address
   */
  public static boolean v6(String name, long[] out) {
    if (name.length() != 63) {
      return false;
    }
    long hi = 0;
    long lo = 0;
    for (int k = 0; k < 32; k++) {
      char c = name.charAt(2 * k);
      if (k < 31 && name.charAt(2 * k + 1) != '.') {
        return false;
      }
      int d = Character.digit(c, 16);
      if (d < 0 || (c >= 'A' && c <= 'F')) {
        return false;
      }
      if (k < 16) {
        lo |= (long) d << (4 * k);
      } else {
        hi |= (long) d << (4 * (k - 16));
      }
    }
    out[0] = hi;
    out[1] = lo;
    return true;
  }
}
