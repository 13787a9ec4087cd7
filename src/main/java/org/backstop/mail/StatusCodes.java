package org.backstop.mail;

import java.util.Map;

/**
 * Enhanced mail system status codes (RFC 3463) and SMTP reply codes (RFC 5321 section 4.2): finding
 * them in text, and their meaning in the analyzer's reason vocabulary.
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
      if ((c == '2' || c == '4' || c == '5')
          && s.charAt(i + 1) == '.'
          && (i == 0 || !isCodeChar(s.charAt(i - 1)))) {
        // RFC 3463 subjects are 0 to 7: one digit.
        int j = i + 2 < n && s.charAt(i + 2) >= '0' && s.charAt(i + 2) <= '7' ? i + 3 : i + 2;
        if (j > i + 2 && j < n && s.charAt(j) == '.') {
          int k = digits(s, j + 1, 3);
          if (k > j + 1
              && (k == n
                  || !isCodeChar(s.charAt(k))
                  || s.charAt(k) == '.' && (k + 1 == n || !Character.isDigit(s.charAt(k + 1))))) {
            return s.substring(i, k);
          }
        }
      }
    }
    return null;
  }

  /**
   * The status code the remote server gave: the first one that follows an SMTP reply code ("550
   * 5.1.1", "550-5.7.1", "550-'5.7.1"), else the first one at all. A reporting MTA often puts its
   * own summary code ("5.1.0 - Unknown address error") before the server's exact one.
   */
  static String findServers(String s) {
    String first = find(s);
    if (first == null) {
      return null;
    }
    int n = s.length();
    for (int i = 0; i + 5 < n; i++) {
      char c = s.charAt(i);
      if ((c == '4' || c == '5')
          && (i == 0 || !isCodeChar(s.charAt(i - 1)))
          && Character.isDigit(s.charAt(i + 1))
          && Character.isDigit(s.charAt(i + 2))
          && (s.charAt(i + 3) == ' ' || s.charAt(i + 3) == '-')) {
        int j = i + 4;
        if (j < n && (s.charAt(j) == '\'' || s.charAt(j) == '#')) {
          j++;
        }
        if (j + 4 < n && (s.charAt(j) == '4' || s.charAt(j) == '5') && s.charAt(j + 1) == '.') {
          String code = find(s.substring(j, Math.min(n, j + 12)));
          if (code != null && s.startsWith(code, j)) {
            return code;
          }
        }
      }
    }
    return first;
  }

  /** The first SMTP reply code (2xx, 4xx, 5xx) standing as its own word, or null. */
  static String findReply(String s) {
    if (s == null) {
      return null;
    }
    int n = s.length();
    for (int i = 0; i + 2 < n; i++) {
      char c = s.charAt(i);
      if ((c == '4' || c == '5' || c == '2')
          && (i == 0 || !isCodeChar(s.charAt(i - 1)) && s.charAt(i - 1) != '#')
          && Character.isDigit(s.charAt(i + 1))
          && Character.isDigit(s.charAt(i + 2))
          && (i + 3 == n
              || s.charAt(i + 3) == ' '
              || s.charAt(i + 3) == '-'
              || s.charAt(i + 3) == ','
              || s.charAt(i + 3) == '\n')) {
        char d = s.charAt(i + 1);
        if (d <= '5') {
          return s.substring(i, i + 3);
        }
      }
    }
    return null;
  }

  /**
   * Words by which a report without any code says the failure was temporary: Exim's "error: retry
   * timeout exceeded" and its other retry-rule messages (the error was retried until the queue
   * lifetime ran out, so it was a temporary one), or the words themselves.
   */
  private static final String[] TEMPORARY = {
    ": retry timeout exceeded",
    "retry time not reached for any host",
    "all hosts have been failing for a long time",
    "has been frozen",
    "was frozen on arrival",
    "temporar",
    "persistent transient"
  };

  /** True when words without a code say that the failure was temporary. */
  static boolean saysTemporary(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    String l = Text.lower(text.length() > 4000 ? text.substring(0, 4000) : text);
    for (String w : TEMPORARY) {
      if (l.contains(w)) {
        return true;
      }
    }
    return false;
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
   * A status code standing for a reason when the report gave none: class 4 or 5, subject 0, detail
   * 9xx, the private range Sisimai uses, so results compare with Sisimai's.
   */
  static String forReason(String reason, boolean temporary) {
    String d = INTERNAL.get(reason);
    if (d == null) {
      return null;
    }
    return (temporary ? "4.0." : "5.0.") + d;
  }

  /**
   * What each enhanced status code means in reason words (RFC 3463 section 3). Codes of class 4
   * that name no definite cause ("4.3.0 other mail system status") are left out on purpose.
   */
  private static final Map<String, String> BY_STATUS = byStatus();

  private static Map<String, String> byStatus() {
    Map<String, String> m = new java.util.HashMap<>();
    String[][] both = {
      {"1.6", "hasmoved"},
      {"1.7", "rejected"},
      {"1.8", "rejected"},
      {"1.9", "systemerror"},
      {"2.2", "mailboxfull"},
      {"2.3", "exceedlimit"},
      {"2.4", "filtered"},
      {"3.1", "systemfull"},
      {"3.2", "notaccept"},
      {"3.3", "systemerror"},
      {"3.5", "systemerror"},
      {"4.7", "expired"},
      {"5.5", "systemerror"},
      {"6.0", "contenterror"},
      {"6.2", "contenterror"},
      {"6.5", "contenterror"},
      {"7.5", "securityerror"},
      {"7.6", "securityerror"},
      {"7.7", "securityerror"},
      {"7.12", "securityerror"},
      {"7.15", "securityerror"},
      {"7.16", "mesgtoobig"},
      {"7.24", "securityerror"},
      {"7.25", "blocked"}
    };
    for (String[] e : both) {
      m.put("4." + e[0], e[1]);
      m.put("5." + e[0], e[1]);
    }
    String[][] temporary = {
      {"2.1", "suspend"},
      {"4.1", "expired"},
      {"4.2", "networkerror"},
      {"4.4", "networkerror"},
      {"4.5", "systemfull"},
      {"4.6", "networkerror"},
      {"5.3", "systemerror"},
      {"7.1", "blocked"},
      {"7.2", "blocked"}
    };
    for (String[] e : temporary) {
      m.put("4." + e[0], e[1]);
    }
    String[][] permanent = {
      {"1.0", "userunknown"},
      {"1.1", "userunknown"},
      {"1.2", "hostunknown"},
      {"1.3", "userunknown"},
      {"1.4", "filtered"},
      {"1.10", "notaccept"},
      {"2.0", "filtered"},
      {"2.1", "filtered"},
      {"3.0", "systemerror"},
      {"3.4", "mesgtoobig"},
      {"4.0", "networkerror"},
      {"4.3", "systemerror"},
      {"4.4", "hostunknown"},
      {"5.3", "toomanyconn"},
      {"5.4", "systemerror"},
      {"5.6", "securityerror"},
      {"6.1", "contenterror"},
      {"6.3", "contenterror"},
      {"6.6", "contenterror"},
      {"6.7", "contenterror"},
      {"6.8", "contenterror"},
      {"6.9", "contenterror"},
      {"7.13", "suspend"},
      {"7.17", "hasmoved"},
      {"7.18", "hasmoved"},
      {"7.27", "notaccept"}
    };
    for (String[] e : permanent) {
      m.put("5." + e[0], e[1]);
    }
    for (String d :
        new String[] {
          "0", "1", "2", "3", "4", "8", "9", "10", "11", "14", "19", "20", "21", "22", "23", "26"
        }) {
      m.put("5.7." + d, "securityerror");
    }
    return Map.copyOf(m);
  }

  /** The reason an enhanced status code stands for (RFC 3463 section 3), or null. */
  static String reasonOf(String status) {
    if (status == null) {
      return null;
    }
    String r = BY_STATUS.get(status);
    if (r == null && status.startsWith("5.1.")) {
      return "userunknown";
    }
    if (r == null && status.startsWith("5.7.")) {
      return "securityerror";
    }
    return r;
  }
}
