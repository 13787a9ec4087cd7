package org.backstop.mail;

import java.util.List;
import java.util.Set;

/**
 * Names why a message was not delivered, in Sisimai's reason vocabulary, from the recipient's
 * status code (RFC 3463), the remote server's words, the failed SMTP command and the action. Words
 * are matched as plain lower-case substrings: no regular expressions, linear time.
 */
final class ReasonClassifier {
  private ReasonClassifier() {}

  /** Reasons that a vaguer signal (a status code, a later phrase) may override. */
  private static final Set<String> WEAK =
      Set.of(
          "undefined",
          "onhold",
          "systemerror",
          "securityerror",
          "networkerror",
          "hostunknown",
          "userunknown");

  /** Reasons tried first: the words of the remote server decide, in this order. */
  private static final List<String> FIRST =
      List.of(
          "mailboxfull",
          "mesgtoobig",
          "exceedlimit",
          "suspend",
          "hasmoved",
          "norelaying",
          "userunknown",
          "filtered",
          "rejected",
          "hostunknown",
          "spamdetected",
          "toomanyconn",
          "blocked");

  /** Reasons tried when the status code says nothing definite. */
  private static final List<String> SECOND =
      List.of(
          "mailboxfull",
          "spamdetected",
          "policyviolation",
          "virusdetected",
          "norelaying",
          "securityerror",
          "systemerror",
          "networkerror",
          "suspend",
          "expired",
          "contenterror",
          "systemfull",
          "notaccept",
          "mailererror");

  /** True when the lower-case text carries a phrase of that reason. */
  static boolean says(String reason, String lowerText) {
    return ReasonPhrases.says(reason, lowerText);
  }

  private static final List<String> NOT_USERUNKNOWN =
      List.of("norelaying", "blocked", "mailboxfull", "hasmoved", "rejected", "notaccept");

  private static boolean beforeData(String cmd) {
    return cmd.equals("CONN")
        || cmd.equals("EHLO")
        || cmd.equals("HELO")
        || cmd.equals("MAIL")
        || cmd.equals("RCPT");
  }

  /**
   * Whether reason {@code r} holds, weighing the status code against the words: an unknown user is
   * only an unknown user when the status says so or the server said it at RCPT; after DATA the same
   * words mean a filter refused the message.
   */
  private static boolean holds(
      String r,
      String preset,
      String st,
      String diag,
      String cmd,
      String status,
      boolean fromText) {
    if (r.equals(preset)) {
      return true;
    }
    switch (r) {
      case "userunknown" -> {
        if ("suspend".equals(st)) return false;
        if ("userunknown".equals(st)) {
          for (String o : NOT_USERUNKNOWN) {
            if (says(o, diag)) return false;
          }
          return true;
        }
        if (cmd.equals("RCPT")) return says(r, diag);
        // No command and no code: most MTAs that word it so refused the recipient itself.
        return cmd.isEmpty()
            && st == null
            && (status == null || !status.startsWith("5.7"))
            && !fromText
            && says(r, diag);
      }
      case "filtered" -> {
        if ("suspend".equals(st)) return false;
        if ("filtered".equals(st)) return says("userunknown", diag) || says(r, diag);
        if (beforeData(cmd)) return false;
        return says(r, diag) || says("userunknown", diag);
      }
      case "rejected" -> {
        if ("rejected".equals(st)) return true;
        if (cmd.equals("MAIL")) return says(r, diag) || says(ReasonPhrases.ACCESS_DENIED, diag);
        if (cmd.equals("DATA")) return !"userunknown".equals(st) && says(r, diag);
        if (st == null || st.equals("securityerror") || st.equals("systemerror"))
          return says(r, diag);
        return false;
      }
      case "mesgtoobig" -> {
        if (r.equals(st)) return true;
        if ("exceedlimit".equals(st)) return false;
        return says(r, diag);
      }
      case "suspend", "hasmoved" -> {
        return says(r, diag);
      }
      case "norelaying" -> {
        if (cmd.equals("CONN") || cmd.equals("EHLO") || cmd.equals("HELO")) return false;
        return says(r, diag);
      }
      case "hostunknown" -> {
        if (r.equals(st)) return !says("networkerror", diag);
        return says(r, diag);
      }
      case "spamdetected" -> {
        if (r.equals(st)) return true;
        if (beforeData(cmd)) return false;
        return says(r, diag);
      }
      default -> {
        return r.equals(st) || says(r, diag);
      }
    }
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
    String d = f.diagnostic == null ? "" : f.diagnostic;
    // The words that decide are near the start; a bound keeps hostile input linear and small.
    String lower = f.lowerDiagnostic();
    String diag =
        d.length() <= 4000
            ? lower
            : lower.length() == d.length()
                ? lower.substring(0, 4000)
                : Text.lower(d.substring(0, 4000));
    String provider = ProviderRules.reason(f, diag);
    if (provider != null) {
      return provider;
    }
    String byStatus = StatusCodes.reasonOf(status);
    String cmd = f.command == null ? "" : f.command;
    if (says(ReasonPhrases.CERTAIN_USERUNKNOWN, diag)) {
      return "userunknown";
    }
    if (says(ReasonPhrases.DNS_ERROR, diag)) {
      // Google's wording: a failed MX lookup is a network error unless the domain opts out.
      return diag.contains("doesn't receive email") ? "notaccept" : "networkerror";
    }
    for (String r : FIRST) {
      if (holds(r, f.reason, byStatus, diag, cmd, status, "text".equals(f.diagnosticType))) {
        return r;
      }
    }
    if ("x-unix".equals(f.diagnosticType)) {
      // A local delivery program failed (RFC 3464 diagnostic type X-Unix).
      return "mailererror";
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
    if ("EHLO".equals(f.command) || "HELO".equals(f.command) || "CONN".equals(f.command)) {
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
