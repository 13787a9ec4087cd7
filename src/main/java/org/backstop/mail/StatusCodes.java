package org.backstop.mail;

import java.util.Map;

/**
 * Enhanced mail system status codes (RFC 3463) and SMTP reply codes (RFC 5321 section 4.2):
 * finding them in text, and their meaning in the analyzer's reason vocabulary.
 */
final class StatusCodes {
  private StatusCodes() {}

  /** The first enhanced status code (2/4/5.x.y) in the text, or null. */
  static String find(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    for (int i = 0; i + 4 < n; i++) {
      char c = s.charAt(i);
      if ((c == '2' || c == '4' || c == '5') && s.charAt(i + 1) == '.'
          && (i == 0 || !isCodeChar(s.charAt(i - 1)))) {
        int j = digits(s, i + 2, 3);
        if (j > i + 2 && j < n && s.charAt(j) == '.') {
          int k = digits(s, j + 1, 3);
          if (k > j + 1 && (k == n || !isCodeChar(s.charAt(k)) || s.charAt(k) == '.'
              && (k + 1 == n || !Character.isDigit(s.charAt(k + 1))))) {
            return s.substring(i, k);
          }
        }
      }
    }
    return null;
  }

  /** The first SMTP reply code (2xx, 4xx, 5xx) standing as its own word, or null. */
  static String findReply(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    for (int i = 0; i + 2 < n; i++) {
      char c = s.charAt(i);
      if ((c == '4' || c == '5' || c == '2') && (i == 0 || !isCodeChar(s.charAt(i - 1)) && s.charAt(i - 1) != '#')
          && Character.isDigit(s.charAt(i + 1)) && Character.isDigit(s.charAt(i + 2))
          && (i + 3 == n || s.charAt(i + 3) == ' ' || s.charAt(i + 3) == '-' || s.charAt(i + 3) == '\n')) {
        char d = s.charAt(i + 1);
        if (d <= '5') {
          return s.substring(i, i + 3);
        }
      }
    }
    return null;
  }

  private static boolean isCodeChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.';
  }

  private static int digits(String s, int from, int max) {
    int i = from;
    while (i < s.length() && i - from < max && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static final Map<String, String> INTERNAL =
      Map.ofEntries(
          Map.entry("blocked", "971"),
          Map.entry("contenterror", "960"),
          Map.entry("exceedlimit", "923"),
          Map.entry("expired", "947"),
          Map.entry("filtered", "910"),
          Map.entry("hasmoved", "916"),
          Map.entry("hostunknown", "912"),
          Map.entry("mailboxfull", "922"),
          Map.entry("mailererror", "939"),
          Map.entry("mesgtoobig", "934"),
          Map.entry("networkerror", "944"),
          Map.entry("norelaying", "909"),
          Map.entry("notaccept", "932"),
          Map.entry("onhold", "901"),
          Map.entry("policyviolation", "972"),
          Map.entry("rejected", "918"),
          Map.entry("securityerror", "970"),
          Map.entry("spamdetected", "980"),
          Map.entry("suspend", "921"),
          Map.entry("systemerror", "930"),
          Map.entry("systemfull", "931"),
          Map.entry("syntaxerror", "902"),
          Map.entry("toomanyconn", "945"),
          Map.entry("userunknown", "911"),
          Map.entry("undefined", "900"),
          Map.entry("virusdetected", "971"));

  /**
   * A status code standing for a reason when the report gave none: class 4 or 5, subject 0,
   * detail 9xx, the private range Sisimai uses, so results compare with Sisimai's.
   */
  static String forReason(String reason, boolean temporary) {
    String d = INTERNAL.get(reason);
    if (d == null) {
      return null;
    }
    return (temporary ? "4.0." : "5.0.") + d;
  }

  /** The reason an enhanced status code stands for (RFC 3463 section 3), or null. */
  static String reasonOf(String status) {
    if (status == null || status.length() < 5) {
      return null;
    }
    String key = status.substring(1);
    boolean temp = status.charAt(0) == '4';
    return switch (key) {
      case ".1.0", ".1.1", ".1.3" -> temp ? null : "userunknown";
      case ".1.2" -> temp ? null : "hostunknown";
      case ".1.4", ".2.0", ".2.1", ".2.4" -> temp ? null : "filtered";
      case ".1.6", ".7.17", ".7.18" -> "hasmoved";
      case ".1.7", ".1.8" -> "rejected";
      case ".1.10", ".3.2", ".7.27" -> "notaccept";
      case ".2.2" -> "mailboxfull";
      case ".2.3" -> "exceedlimit";
      case ".3.0", ".3.3", ".3.5", ".4.3", ".5.4", ".5.5", ".1.9", ".5.3" -> "systemerror";
      case ".3.1", ".4.5" -> "systemfull";
      case ".3.4" -> "mesgtoobig";
      case ".4.0", ".4.6" -> "networkerror";
      case ".4.1", ".4.2" -> temp ? "networkerror" : "networkerror";
      case ".4.4" -> temp ? "networkerror" : "hostunknown";
      case ".4.7" -> "expired";
      case ".6.0", ".6.1", ".6.2", ".6.3", ".6.5", ".6.6", ".6.7", ".6.8", ".6.9" -> "contenterror";
      case ".7.1", ".7.2" -> temp ? "blocked" : "securityerror";
      case ".7.25" -> "blocked";
      case ".7.13" -> "suspend";
      case ".7.16" -> "mesgtoobig";
      case ".7.0", ".7.3", ".7.4", ".7.5", ".7.6", ".7.7", ".7.8", ".7.9", ".7.10", ".7.11",
          ".7.12", ".7.14", ".7.15", ".7.19", ".7.20", ".7.21", ".7.22", ".7.23", ".7.24",
          ".7.26" -> temp && key.equals(".7.0") ? null : "securityerror";
      default -> null;
    };
  }
}
