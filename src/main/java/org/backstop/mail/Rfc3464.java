package org.backstop.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the machine-readable part of a delivery status notification (RFC 3464 section 2): the
 * per-message fields, then one group of per-recipient fields for each recipient. Lenient about
 * missing blank lines between groups, field case and the address-type prefixes.
 */
final class Rfc3464 {
  private Rfc3464() {}

  /** The parsed report: the Reporting-MTA and one finding per recipient group. */
  /**
   * @param unnamed the report's only per-recipient group when its Final-Recipient is no mail
   *     address (Exim names the file or pipe it failed to deliver to), else null
   */
  record Report(String reportingMta, List<Finding> recipients, Finding unnamed) {}

  static Report parse(String text) {
    List<Finding> out = new ArrayList<>();
    String reportingMta = null;
    Finding cur = null;
    boolean hasOriginal = false;
    boolean hasFinal = false;
    int pos = 0;
    int n = text.length();
    int guard = 0;
    while (pos < n && guard++ < 1000) {
      Headers.Block block = Headers.parse(text, pos, 200);
      if (block.end() <= pos) {
        int eol = text.indexOf('\n', pos);
        pos = eol < 0 ? n : eol + 1;
        continue;
      }
      pos = block.end();
      Headers h = block.headers();
      boolean fresh = true;
      // Per-recipient fields may come before the block's Final-Recipient (field order inside a
      // group is free): they wait here for the group the block opens.
      Finding early = new Finding(null);
      Finding last = cur;
      cur = early;
      for (int i = 0; i < h.size(); i++) {
        String name = h.name(i);
        String value = h.value(i);
        switch (name) {
          case "reporting-mta" -> reportingMta = stripType(value);
          case "original-recipient" -> {
            if (cur == early || fresh || hasOriginal) {
              cur = newGroup(out);
              cur.fillFrom(early);
              if (early.diagnosticType != null) cur.diagnosticType = early.diagnosticType;
              hasFinal = false;
            }
            fresh = false;
            hasOriginal = true;
            if (cur.address == null) cur.address = Addresses.first(stripType(value));
          }
          case "final-recipient" -> {
            if (cur == early || fresh || hasFinal) {
              cur = newGroup(out);
              cur.fillFrom(early);
              if (early.diagnosticType != null) cur.diagnosticType = early.diagnosticType;
              hasOriginal = false;
            }
            fresh = false;
            hasFinal = true;
            String a = Addresses.field(stripType(value));
            if (a != null) cur.address = a;
          }
          case "action" -> {
            if (cur != null) cur.action = Text.lower(value.trim());
          }
          case "status" -> {
            if (cur != null) {
              String s = StatusCodes.find(value);
              cur.status = s != null ? s : cur.status;
            }
          }
          case "remote-mta" -> {
            if (cur != null) cur.remoteMta = stripType(value);
          }
          case "diagnostic-code" -> {
            if (cur != null) {
              cur.diagnostic = stripType(value);
              cur.diagnosticType = Text.lower(typeOf(value));
            }
          }
          case "x-powermta-bouncecategory" -> {
            // PowerMTA's own per-recipient verdict; it knows why better than the words do.
            if (cur != null) cur.reason = POWERMTA_CATEGORIES.get(Text.lower(value.trim()));
          }
          default -> {}
        }
      }
      if (cur == early) {
        // No recipient in this block: its fields belong to the group before, as they always did.
        cur = last;
        if (cur != null) cur.fillFrom(early);
      }
    }
    Finding unnamed = out.size() == 1 && out.get(0).address == null ? out.get(0) : null;
    out.removeIf(f -> f.address == null);
    return new Report(reportingMta, out, unnamed);
  }

  /** PowerMTA's X-PowerMTA-BounceCategory values in Sisimai's reason vocabulary. */
  private static final Map<String, String> POWERMTA_CATEGORIES =
      Map.of(
          "bad-domain", "hostunknown",
          "bad-mailbox", "userunknown",
          "inactive-mailbox", "suspend",
          "message-expired", "expired",
          "no-answer-from-host", "networkerror",
          "policy-related", "policyviolation",
          "quota-issues", "mailboxfull",
          "routing-errors", "systemerror",
          "spam-related", "spamdetected");

  private static Finding newGroup(List<Finding> out) {
    Finding f = new Finding(null);
    f.diagnosticType = "dsn";
    out.add(f);
    return f;
  }

  /** Removes the "rfc822;" / "dns;" / "smtp;" type prefix of an RFC 3464 field value. */
  static String stripType(String v) {
    int semi = v.indexOf(';');
    if (semi > 0 && semi < 12 && isWord(v, semi)) {
      return v.substring(semi + 1).trim();
    }
    return v.trim();
  }

  private static boolean isWord(String v, int end) {
    for (int i = 0; i < end; i++) {
      char c = v.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '-' || c == ' ')) {
        return false;
      }
    }
    return true;
  }

  private static String typeOf(String v) {
    int semi = v.indexOf(';');
    return semi > 0 && semi < 12 ? v.substring(0, semi).trim() : "";
  }
}
