package org.backstop.mail;

/**
 * Reads one Received header (RFC 5321 section 4.4: "from A (B [ip]) by C ...") into a {@link Hop}.
 * Lenient: clauses may be missing or reordered, and nothing here throws.
 */
final class ReceivedParser {
  private ReceivedParser() {}

  static Hop parse(String value) {
    String v = value == null ? "" : value.replace('\t', ' ');
    String lower = Text.lower(v);
    String from = wordAfter(v, lower, lower.indexOf("from "), 5);
    int byAt = lower.indexOf(" by ");
    String by = wordAfter(v, lower, byAt, 4);
    if (by == null && lower.startsWith("by ")) {
      by = wordAfter(v, lower, 0, 3);
    }
    String fromClause = byAt < 0 ? v : v.substring(0, byAt);
    String ip = ipIn(fromClause);
    return new Hop(from, ip, by);
  }

  /** The word after the key found at {@code i} (of {@code keyLength} characters), or null. */
  private static String wordAfter(String v, String lower, int i, int keyLength) {
    if (i < 0) {
      return null;
    }
    int s = i + keyLength;
    while (s < v.length() && v.charAt(s) == ' ') {
      s++;
    }
    int e = s;
    while (e < v.length() && !endsWord(v.charAt(e))) {
      e++;
    }
    return e > s ? v.substring(s, e) : null;
  }

  private static boolean endsWord(char c) {
    return c == ' ' || c == ';' || c == '(' || c == ')' || c == '\n' || c == '\t';
  }

  /** The first IPv4 or IPv6 literal in the clause: in brackets first, then bare. */
  static String ipIn(String s) {
    int i = s.indexOf('[');
    while (i >= 0) {
      int j = s.indexOf(']', i);
      if (j < 0) {
        break;
      }
      String in = s.substring(i + 1, j);
      if (Text.lower(in).startsWith("ipv6:")) {
        in = in.substring(5);
      }
      if (isIp(in)) {
        return in;
      }
      i = s.indexOf('[', j);
    }
    int n = s.length();
    for (int k = 0; k < n; k++) {
      if (Character.isDigit(s.charAt(k))
          && (k == 0 || !Character.isLetterOrDigit(s.charAt(k - 1)) && s.charAt(k - 1) != '.')) {
        int e = k;
        while (e < n && (Character.isDigit(s.charAt(e)) || s.charAt(e) == '.')) {
          e++;
        }
        String cand = s.substring(k, e);
        if (isIpv4(cand)) {
          return cand;
        }
        k = e;
      }
    }
    return null;
  }

  static boolean isIp(String s) {
    if (isIpv4(s)) {
      return true;
    }
    if (s.indexOf(':') < 0 || s.length() > 45) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** Four decimal numbers of one to three digits, each at most 255, joined by dots. */
  static boolean isIpv4(String s) {
    int parts = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || value > 255 || ++parts > 4) {
          return false;
        }
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
      } else {
        return false;
      }
    }
    return parts == 4;
  }
}
