package org.backstop.web;

import java.util.regex.Pattern;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/** Checks of untrusted form and JSON fields, each failing with a 400 that names the field. */
public final class Validate {
  // Deliberately simple (RFC 5321 allows more); a contact address only needs to be usable.
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

  private Validate() {}

  /** An IPv4 or IPv6 address. */
  public static IpAddress ip(String text) {
    if (text == null || text.isBlank()) {
      throw WebProblem.badRequest("an IP address is required");
    }
    IpAddress ip = IpAddress.tryParse(text.strip());
    if (ip == null) {
      throw WebProblem.badRequest("not an IPv4 or IPv6 address: " + abbreviate(text.strip()));
    }
    return ip.unmapped();
  }

  /** A network in CIDR notation, or a single address. */
  public static Cidr network(String text) {
    if (text == null || text.isBlank() || text.length() > 50) {
      throw WebProblem.badRequest("a network such as 192.0.2.0/24 is required");
    }
    String t = text.strip();
    try {
      if (t.indexOf('/') < 0) {
        IpAddress ip = ip(t);
        return new Cidr(ip, ip.bits());
      }
      return Cidr.parse(t);
    } catch (IllegalArgumentException e) {
      throw WebProblem.badRequest("not a network in CIDR notation: " + abbreviate(t));
    }
  }

  /** Free text of bounded length, stripped; null counts as empty. */
  public static String text(String field, String value, int min, int max) {
    String v = value == null ? "" : value.strip();
    if (v.length() < min) {
      throw WebProblem.badRequest("the " + field + " needs at least " + min + " characters");
    }
    if (v.length() > max) {
      throw WebProblem.badRequest("the " + field + " may have at most " + max + " characters");
    }
    return v;
  }

  /** A contact email address. */
  public static String email(String value) {
    String v = value == null ? "" : value.strip();
    if (v.length() > DelistService.MAX_CONTACT || !EMAIL.matcher(v).matches()) {
      throw WebProblem.badRequest(
          "a contact email address such as postmaster@example.org is required");
    }
    return v;
  }

  static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
