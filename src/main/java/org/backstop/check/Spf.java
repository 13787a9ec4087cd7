package org.backstop.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.backstop.net.IpAddress;

/**
 * A parsed SPF record (RFC 7208 section 4.6.1 and 12): its mechanisms and modifiers, the terms that
 * cause DNS lookups (section 4.6.4) and syntax errors, read leniently so one bad term does not hide
 * the rest.
 */
record Spf(List<Term> terms, List<String> errors) {

  /** One term: a mechanism with its qualifier, or a modifier ({@code name=value}). */
  record Term(char qualifier, String name, String value, boolean modifier) {}

  private static final Set<String> MECHANISMS =
      Set.of("all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists");
  private static final Set<String> LOOKUP_TERMS =
      Set.of("include", "a", "mx", "ptr", "exists", "redirect");

  /** True when a TXT string is an SPF record (section 4.5: "v=spf1" then space or end). */
  static boolean isSpf(String txt) {
    String t = txt.trim().toLowerCase(Locale.ROOT);
    return t.equals("v=spf1") || t.startsWith("v=spf1 ");
  }

  static Spf parse(String record) {
    List<Term> terms = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String[] parts = record.trim().split("\\s+");
    for (int i = 1; i < parts.length && errors.size() < 20; i++) {
      String p = parts[i];
      int eq = p.indexOf('=');
      int colon = p.indexOf(':');
      int slash = p.indexOf('/');
      if (eq > 0 && (colon < 0 || eq < colon) && (slash < 0 || eq < slash)) {
        String name = p.substring(0, eq).toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z][a-z0-9._-]*")) {
          errors.add("bad modifier name in '" + p + "'");
        } else if ((name.equals("redirect") || name.equals("exp")) && eq == p.length() - 1) {
          errors.add(name + "= needs a domain");
        }
        terms.add(new Term('+', name, p.substring(eq + 1), true));
        continue;
      }
      char q = '+';
      String m = p;
      if ("+-~?".indexOf(p.charAt(0)) >= 0) {
        q = p.charAt(0);
        m = p.substring(1);
      }
      int sep = firstOf(m, ':', '/');
      String name = (sep < 0 ? m : m.substring(0, sep)).toLowerCase(Locale.ROOT);
      String value = sep < 0 ? "" : m.substring(sep + (m.charAt(sep) == ':' ? 1 : 0));
      if (!MECHANISMS.contains(name)) {
        errors.add("unknown mechanism '" + abbreviate(p) + "'");
        continue;
      }
      String e = checkValue(name, value);
      if (e != null) {
        errors.add(e);
      }
      terms.add(new Term(q, name, value, false));
    }
    return new Spf(List.copyOf(terms), List.copyOf(errors));
  }

  private static String checkValue(String name, String value) {
    switch (name) {
      case "all":
        return value.isEmpty() ? null : "'all' takes no argument";
      case "include":
      case "exists":
        return value.isEmpty() || value.startsWith("/") ? name + ": needs a domain" : null;
      case "ip4":
      case "ip6":
        {
          String addr = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
          IpAddress a = IpAddress.tryParse(addr);
          boolean v4 = name.equals("ip4");
          if (a == null || a.isV4() != v4) {
            return name + ": bad address '" + abbreviate(value) + "'";
          }
          if (value.contains("/")) {
            String len = value.substring(value.indexOf('/') + 1);
            if (!len.matches("\\d{1,3}") || Integer.parseInt(len) > (v4 ? 32 : 128)) {
              return name + ": bad prefix length in '" + abbreviate(value) + "'";
            }
          }
          return null;
        }
      default:
        return null;
    }
  }

  /** The terms that make a DNS lookup here (not counting those of included records). */
  List<Term> lookupTerms() {
    return terms.stream().filter(t -> LOOKUP_TERMS.contains(t.name())).toList();
  }

  /** The {@code all} mechanism, or null. */
  Term all() {
    return terms.stream()
        .filter(t -> !t.modifier() && t.name().equals("all"))
        .findFirst()
        .orElse(null);
  }

  /** The redirect modifier's domain, or null. */
  String redirect() {
    return terms.stream()
        .filter(t -> t.modifier() && t.name().equals("redirect"))
        .map(Term::value)
        .findFirst()
        .orElse(null);
  }

  private static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    if (i < 0) {
      return j;
    }
    return j < 0 ? i : Math.min(i, j);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
