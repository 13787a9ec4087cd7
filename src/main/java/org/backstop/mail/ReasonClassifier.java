package org.backstop.mail;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names why a message was not delivered, in Sisimai's reason vocabulary, from the recipient's
 * status code (RFC 3463), the remote server's words, the failed SMTP command and the action.
 * Words are matched as plain lower-case substrings: no regular expressions, linear time.
 */
final class ReasonClassifier {
  private ReasonClassifier() {}

  /** Reasons that a vaguer signal (a status code, a later phrase) may override. */
  private static final Set<String> WEAK =
      Set.of("undefined", "onhold", "systemerror", "securityerror", "networkerror", "hostunknown",
          "userunknown");

  /** Reasons tried first: the words of the remote server decide, in this order. */
  private static final List<String> FIRST =
      List.of("mailboxfull", "mesgtoobig", "exceedlimit", "suspend", "hasmoved", "norelaying",
          "userunknown", "filtered", "rejected", "hostunknown", "spamdetected", "toomanyconn",
          "blocked");

  /** Reasons tried when the status code says nothing definite. */
  private static final List<String> SECOND =
      List.of("mailboxfull", "spamdetected", "policyviolation", "virusdetected", "norelaying",
          "securityerror", "systemerror", "networkerror", "suspend", "expired", "contenterror",
          "systemfull", "notaccept", "mailererror");

  private static final Map<String, String[]> WORDS = ReasonWords.TABLE;

  /** True when the lower-case text carries a phrase of that reason. */
  static boolean says(String reason, String lowerText) {
    String[] words = WORDS.get(reason);
    if (words == null || lowerText.isEmpty()) {
      return false;
    }
    for (String w : words) {
      if (lowerText.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** The reason for one recipient; never null ("undefined" when nothing is known). */
  static String classify(Finding f) {
    if (f.reason != null && !WEAK.contains(f.reason)) {
      return f.reason;
    }
    String status = f.status;
    if (status != null && status.startsWith("2.")) {
      return "delivered";
    }
    String diag = Text.lower(f.diagnostic == null ? "" : f.diagnostic);
    String byStatus = StatusCodes.reasonOf(status);
    for (String r : FIRST) {
      if (r.equals(byStatus) || says(r, diag)) {
        return r;
      }
    }
    if (f.reason != null && !f.reason.equals("undefined") && !f.reason.equals("onhold")) {
      return f.reason;
    }
    if (byStatus != null && !WEAK.contains(byStatus) && !byStatus.equals("expired")) {
      return byStatus;
    }
    for (String r : SECOND) {
      if (says(r, diag)) {
        return r;
      }
    }
    if (byStatus != null) {
      return byStatus;
    }
    if (status != null && status.length() > 3) {
      String cls = status.substring(2, 3);
      if (cls.equals("6")) return "contenterror";
      if (cls.equals("7")) return "securityerror";
    }
    if ("delayed".equals(f.action) || "expired".equals(f.action)) {
      return "expired";
    }
    if ("EHLO".equals(f.command) || "HELO".equals(f.command)) {
      return "blocked";
    }
    if (says("syntaxerror", diag)) {
      return "syntaxerror";
    }
    if (says("vacation", diag)) {
      return "vacation";
    }
    if (f.reason != null) {
      return f.reason;
    }
    return diag.isBlank() ? "undefined" : "onhold";
  }
}
