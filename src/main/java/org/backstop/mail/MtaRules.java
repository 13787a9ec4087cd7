package org.backstop.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The MTA-family rules, tried in order on a bounce's text; the first family that recognises its own
 * wording gives the recipients, and the generic text scan is the fallback. The X-Failed-Recipients
 * header (Exim, Gmail) then confirms or adds recipients.
 */
final class MtaRules {
  private MtaRules() {}

  private static final List<MtaFamily> FAMILIES = List.of(new GmailText(), new Exchange2003Text());

  static List<Finding> scan(
      Mail m, String report, String lower, Set<String> exclude, List<String> evidence) {
    List<Finding> out = null;
    for (MtaFamily f : FAMILIES) {
      if (f.recognises(m, lower)) {
        out = f.read(m, report, lower, exclude);
        if (!out.isEmpty()) {
          evidence.add("mta:" + f.name());
          break;
        }
      }
    }
    if (out == null || out.isEmpty()) {
      out = TextRecipients.scan(report, 0, report.length(), exclude);
      if (!out.isEmpty()) {
        evidence.add("text:generic");
      } else {
        // A message sent to oneself bounces to the recipient: then the report's own To is it.
        out = TextRecipients.scan(report, 0, report.length(), Set.of());
        if (!out.isEmpty()) {
          evidence.add("text:generic-unfiltered");
        }
      }
    }
    return failedRecipients(m, out, evidence, report);
  }

  /**
   * The report's opening words, for a sole recipient that only X-Failed-Recipients names: then the
   * whole report is about it (Gmail's "Message not delivered" notices name no address).
   */
  private static String opening(String report) {
    String t = report.strip();
    int end = Math.min(t.length(), 600);
    return end == 0 ? null : t.substring(0, end);
  }

  /** When X-Failed-Recipients names them, only those are the failed recipients. */
  private static List<Finding> failedRecipients(
      Mail m, List<Finding> found, List<String> evidence, String report) {
    List<String> named = new ArrayList<>();
    for (String v : m.headers.all("x-failed-recipients")) {
      named.addAll(Addresses.all(v));
    }
    if (named.isEmpty()) {
      return found;
    }
    evidence.add("x-failed-recipients");
    List<Finding> out = new ArrayList<>();
    for (String a : named) {
      Finding hit = null;
      for (Finding f : found) {
        if (f.address.equals(a)) {
          hit = f;
        }
      }
      if (hit == null) {
        hit = new Finding(a);
        hit.diagnostic =
            found.size() == 1
                ? found.get(0).diagnostic
                : found.isEmpty() && named.size() == 1 ? opening(report) : null;
      }
      if (a.endsWith("@googlegroups.com")) {
        // Google Groups refuses posts from non-members or to missing groups.
        hit.reason = "rejected";
      }
      out.add(hit);
    }
    return out;
  }
}
