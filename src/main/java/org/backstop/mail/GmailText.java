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
    return lower.contains("technical details of permanent failure")
        || lower.contains("technical details of temporary failure")
        || lower.contains("delivery to the following recipient has been delayed");
  }

  @Override
  public List<Finding> read(Mail m, String report, String lower, Set<String> exclude) {
    int t = lower.indexOf("technical details of");
    List<Finding> out = TextRecipients.scan(report, 0, t < 0 ? report.length() : t, exclude);
    String details = t < 0 ? "" : section(report, t);
    boolean delayed = lower.contains("has been delayed") || lower.contains("temporary failure");
    for (Finding f : out) {
      if (!details.isEmpty()) {
        f.diagnostic = details;
      }
      if (delayed) {
        f.action = "delayed";
      }
    }
    return out;
  }

  private static String section(String report, int from) {
    int end = report.indexOf("\n----- ", from);
    String s = report.substring(from, end < 0 ? report.length() : end);
    return s.replaceAll("\\s+", " ").trim();
  }
}
