package org.backstop.check;

import java.util.Locale;
import org.backstop.net.IpAddress;

/**
 * What is checked: an IP address or a domain name. The query name is built as RFC 5782 says:
 * reversed address labels (section 2.1, 2.4) or the domain itself (section 3), then the zone.
 */
public record Target(String text, TargetKind kind, IpAddress address) {

  private static final int MAX_NAME = 253;

  /**
   * Parses an address or a domain name given by a user.
   *
   * @throws IllegalArgumentException with a message fit to show the user
   */
  public static Target parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("give an IP address or a domain name");
    }
    String t = text.trim();
    IpAddress a = IpAddress.tryParse(t);
    if (a != null) {
      a = a.unmapped();
      return new Target(a.toString(), a.isV4() ? TargetKind.IPV4 : TargetKind.IPV6, a);
    }
    String d = t.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (!isDomain(d)) {
      throw new IllegalArgumentException("not an IP address or a domain name: " + abbreviate(t));
    }
    return new Target(d, TargetKind.DOMAIN, null);
  }

  /** The DNS name to ask in {@code zone}. */
  public String queryName(String zone) {
    String left = address != null ? address.reversedName() : text;
    return left + "." + zone;
  }

  /** True for a syntactically valid host name of two or more labels (RFC 1123 section 2.1). */
  static boolean isDomain(String d) {
    if (d.isEmpty() || d.length() > MAX_NAME || !d.contains(".")) {
      return false;
    }
    String[] labels = d.split("\\.", -1);
    // RFC 3696 section 2: a top-level domain is never all-numeric, so 300.1.1.1 is a bad address.
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
      if (label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  @Override
  public String toString() {
    return text;
  }
}
