package org.backstop.trap;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.backstop.net.IpAddress;

/**
 * One parsed XCLIENT command (Postfix's XCLIENT_README): {@code XCLIENT attr=value ...} with
 * xtext-encoded values (RFC 3461 section 4). Only ADDR, NAME and HELO change what the trap records;
 * PORT, PROTO, LOGIN, DESTADDR and DESTPORT are accepted and ignored.
 *
 * @param addr the client address to take over, empty when not given or unavailable
 * @param name the client's host name, empty when not given
 * @param helo the client's HELO name, empty when not given
 */
record XclientRequest(Optional<IpAddress> addr, Optional<String> name, Optional<String> helo) {

  /** The attribute names a server announces after the XCLIENT EHLO keyword. */
  static final String ANNOUNCED = "NAME ADDR PORT PROTO HELO LOGIN DESTADDR DESTPORT";

  private static final Set<String> KNOWN = Set.of(ANNOUNCED.split(" "));
  private static final int MAX_VALUE = 255;

  /**
   * Parses the arguments after the verb.
   *
   * @throws IllegalArgumentException with a message fit for a 501 reply
   */
  static XclientRequest parse(String args) {
    String trimmed = args.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("XCLIENT needs at least one attribute");
    }
    Optional<IpAddress> addr = Optional.empty();
    Optional<String> name = Optional.empty();
    Optional<String> helo = Optional.empty();
    for (String pair : trimmed.split(" +")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("bad XCLIENT attribute syntax");
      }
      String key = pair.substring(0, eq).toUpperCase(Locale.ROOT);
      if (!KNOWN.contains(key)) {
        throw new IllegalArgumentException("unknown XCLIENT attribute");
      }
      String value = xtextDecode(pair.substring(eq + 1));
      boolean unavailable = value.equals("[UNAVAILABLE]") || value.equals("[TEMPUNAVAIL]");
      switch (key) {
        case "ADDR" -> addr = unavailable ? Optional.empty() : Optional.of(address(value));
        case "NAME" -> name = unavailable ? Optional.empty() : Optional.of(value);
        case "HELO" -> helo = unavailable ? Optional.empty() : Optional.of(value);
        case "PROTO" -> {
          String p = value.toUpperCase(Locale.ROOT);
          if (!unavailable && !p.equals("SMTP") && !p.equals("ESMTP")) {
            throw new IllegalArgumentException("XCLIENT PROTO must be SMTP or ESMTP");
          }
        }
        default -> {
          // PORT, LOGIN, DESTADDR, DESTPORT: nothing in a trap depends on them.
        }
      }
    }
    return new XclientRequest(addr, name, helo);
  }

  private static IpAddress address(String value) {
    String v = value.regionMatches(true, 0, "IPV6:", 0, 5) ? value.substring(5) : value;
    IpAddress a = IpAddress.tryParse(v);
    if (a == null) {
      throw new IllegalArgumentException("bad XCLIENT ADDR");
    }
    return a.unmapped();
  }

  /** Decodes xtext: {@code +XX} is the byte with hex value XX; other characters stand alone. */
  static String xtextDecode(String s) {
    if (s.length() > 3 * MAX_VALUE) {
      throw new IllegalArgumentException("XCLIENT attribute value too long");
    }
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated xtext escape");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad xtext escape");
        }
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (c < 0x21 || c > 0x7E || c == '=') {
        throw new IllegalArgumentException("bad character in XCLIENT value");
      } else {
        out[n++] = (byte) c;
      }
    }
    if (n > MAX_VALUE) {
      throw new IllegalArgumentException("XCLIENT attribute value too long");
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
