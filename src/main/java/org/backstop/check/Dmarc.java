package org.backstop.check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A DMARC policy record's tags (RFC 7489 section 6.3), read leniently. */
record Dmarc(Map<String, String> tags) {

  static boolean isDmarc(String txt) {
    return txt.trim().toLowerCase(Locale.ROOT).matches("v\\s*=\\s*dmarc1\\s*(;.*)?");
  }

  static Dmarc parse(String record) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String part : record.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && tags.size() < 50) {
        tags.putIfAbsent(
            part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
      }
    }
    return new Dmarc(tags);
  }

  /** The policy, lower case, or null when absent. */
  String policy() {
    String p = tags.get("p");
    return p == null ? null : p.toLowerCase(Locale.ROOT);
  }

  String rua() {
    return tags.get("rua");
  }
}
