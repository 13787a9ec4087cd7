package org.backstop.mail;

import java.util.List;
import java.util.Set;

/**
 * Gmail's older plain-text bounces: the recipient alone on a line under "Delivery to the following
 * recipient failed permanently", then "Technical details of permanent failure" with the remote
 * server's reply. The whole technical section is the diagnostic.
 */
final class GmailText implements MtaFamily {
  @Override
  public String name() {
    return "gmail";
  }

  @Override
  public boolean recognises(Mail m, String lower) {
    if (!m.mayContain(TextFacts.GMAIL)) {
      return false;
    }
    for (String p : PHRASES) {
      if (lower.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** Gmail's sentences, one of which a Gmail bounce always has. */
  static final String[] PHRASES = {
    "technical details of permanent failure",
    "technical details of temporary failure",
    "delivery to the following recipient has been delayed"
  };

  @Override
  public List<Finding> read(Mail m, String report, String lower, Set<String> exclude) {
    int t = lower.indexOf("technical details of");
    List<Finding> out = TextRecipients.scan(report, 0, t < 0 ? report.length() : t, exclude);
    String details = t < 0 ? "" : section(report, t);
    boolean delayed = lower.contains("has been delayed") || lower.contains("temporary failure");
    String[] state = state(details);
    for (Finding f : out) {
      if (!details.isEmpty()) {
        f.diagnostic = details;
      }
      if (state != null) {
        f.command = state[0];
        f.reason = state[1];
      }
      if (delayed) {
        f.action = "delayed";
      }
    }
    return out;
  }

  /**
   * Gmail ends the remote reply with "(state N)", the step of its SMTP session that failed: the
   * command, and what a failure there means (6: no TLS on offer, 8 and 9: SMTP AUTH, 12: relaying
   * refused, 13: the greeting, 14: RCPT, 15, 17 and 18: DATA). Null without a known state.
   */
  static String[] state(String details) {
    int i = details.lastIndexOf("(state ");
    if (i < 0) {
      return null;
    }
    int j = i + 7;
    int k = j;
    while (k < details.length() && k < j + 3 && Character.isDigit(details.charAt(k))) k++;
    if (k == j || k >= details.length() || details.charAt(k) != ')') {
      return null;
    }
    return switch (details.substring(j, k)) {
      case "6" -> new String[] {"MAIL", "systemerror"};
      case "8", "9" -> new String[] {null, "systemerror"};
      case "12" -> new String[] {null, "norelaying"};
      case "13" -> new String[] {"EHLO", "blocked"};
      case "14" -> new String[] {"RCPT", "userunknown"};
      case "15", "17", "18" -> new String[] {"DATA", "filtered"};
      default -> null;
    };
  }

  private static String section(String report, int from) {
    int end = report.indexOf("\n----- ", from);
    String s = report.substring(from, end < 0 ? report.length() : end);
    return Text.squash(s);
  }
}
