package org.backstop.mail;

import java.util.List;
import java.util.Set;

/**
 * Microsoft Exchange 2000/2003 reports: "Your message ... did not reach the following
 * recipient(s):", each recipient followed by "on DATE" and an indented reason with an MSEXCH code.
 * The summary of the original ("To:", "Subject:", "Sent:") before it is skipped.
 */
final class Exchange2003Text implements MtaFamily {
  @Override
  public String name() {
    return "exchange2003";
  }

  @Override
  public boolean recognises(Mail m, String lower) {
    return m.mayContain(TextFacts.EXCHANGE_2003)
        && (lower.contains(PHRASES[0]) || lower.contains(PHRASES[1]));
  }

  /** Exchange's sentence and its diagnostic prefix. */
  static final String[] PHRASES = {"did not reach the following recipient", "msexch:"};

  @Override
  public List<Finding> read(Mail m, String report, String lower, Set<String> exclude) {
    int start = lower.indexOf("did not reach the following recipient");
    if (start < 0) {
      start = lower.indexOf("could not be reached");
    }
    List<Finding> out = TextRecipients.scan(report, Math.max(0, start), report.length(), exclude);
    for (Finding f : out) {
      String d = Text.lower(f.diagnostic);
      if (d.contains("unknown recipient") || d.contains("recipient name is not recognized")) {
        f.reason = "userunknown";
      }
    }
    return out;
  }
}
