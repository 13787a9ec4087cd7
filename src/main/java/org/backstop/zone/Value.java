package org.backstop.zone;

/**
 * What a listed entry answers (RFC 5782 section 2.1): an A record and an optional TXT template.
 *
 * <p>In the template a single {@code $} stands for the queried address (or, in domain lists, the
 * listed name) and {@code $$} for a literal dollar sign, as in rbldnsd.
 *
 * @param a the IPv4 address of the A record, as 32 bits in network order
 * @param txt the TXT template, or null when the entry has no TXT record
 */
public record Value(int a, String txt) {

  /** rbldnsd's answer when no value is given: 127.0.0.2 and no TXT. */
  public static final Value DEFAULT = new Value(0x7F000002, null);

  /** A value from dotted-quad A text such as {@code 127.0.0.2} and a template (may be null). */
  public static Value of(String a, String txt) {
    return new Value(org.backstop.net.IpAddress.parse(a).v4(), txt);
  }

  /**
   * Expands the template for one answer: {@code $} becomes {@code subject}, {@code $$} a dollar.
   */
  public static String expand(String template, String subject) {
    int d = template.indexOf('$');
    if (d < 0) {
      return template;
    }
    StringBuilder sb = new StringBuilder(template.length() + 40);
    sb.append(template, 0, d);
    for (int i = d; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '$') {
        sb.append(c);
      } else if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
        sb.append('$');
        i++;
      } else {
        sb.append(subject);
      }
    }
    return sb.toString();
  }

  /** The A record as dotted-quad text. */
  public String aText() {
    return org.backstop.net.IpAddress.ofV4(a).toString();
  }
}
