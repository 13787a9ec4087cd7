package org.backstop.mail;

/**
 * Reads abuse feedback reports in the Abuse Reporting Format (RFC 5965): a multipart/report with
 * report-type=feedback-report whose message/feedback-report part names the feedback type and the
 * original envelope.
 */
final class Arf {
  private Arf() {}

  /** The machine-readable fields (RFC 5965 section 3.1), or null when this is no ARF report. */
  static Headers fields(Mail m) {
    MimePart p = m.part("message/feedback-report");
    if (p != null) {
      return Headers.parse(p.text(), 0, 200).headers();
    }
    if ("feedback-report".equalsIgnoreCase(m.reportType)) {
      return Headers.EMPTY;
    }
    // Some providers send the fields inline in a text part (older Yahoo, Hotmail).
    String t = m.text;
    int i = m.mayContain(TextFacts.FEEDBACK_FIELDS) ? t.indexOf("Feedback-Type:") : -1;
    if (i >= 0 && (i == 0 || t.charAt(i - 1) == '\n') && t.contains("User-Agent:")) {
      return Headers.parse(m.text, i, 200).headers();
    }
    // Hotmail's older complaint format: no report part, the complained-of message attached.
    String subject = m.lowerSubject();
    if (subject.contains("complaint about message from") && m.part("message/rfc822") != null) {
      return Headers.EMPTY;
    }
    return null;
  }
}
