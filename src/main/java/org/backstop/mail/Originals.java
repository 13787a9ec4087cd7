package org.backstop.mail;

import java.util.Set;

/**
 * Finds the headers of the message a report is about: an attached message/rfc822 or
 * text/rfc822-headers part (RFC 3462), else a header block quoted inline in the text, which is
 * where most non-standard bounces put it.
 */
final class Originals {
  private Originals() {}

  /** The original's headers (maybe empty) and where in the mail's text the quoted copy starts. */
  record Located(Headers headers, int textCut, String source) {}

  private static final Set<String> KEY =
      Set.of("from", "to", "subject", "message-id", "received", "date", "return-path");

  static Located locate(Mail m) {
    int cut = inlineStart(m.text, 0);
    for (MimePart p : m.parts) {
      if (p.is("message/rfc822")
          || p.is("text/rfc822-headers")
          || p.is("message/rfc822-headers")
          || p.is("message/global")
          || p.is("message/global-headers")) {
        Headers h = Headers.parse(p.text(), skipBlank(p.text()), 500).headers();
        if (!h.isEmpty()) {
          return new Located(h, cut < 0 ? m.text.length() : cut, p.type());
        }
      }
    }
    if (cut >= 0) {
      Headers h = Headers.parse(m.text, cut, 500).headers();
      return new Located(h, cut, "inline");
    }
    return new Located(Headers.EMPTY, m.text.length(), "none");
  }

  /**
   * "Subject:" and "Date:" (or "To:", "CC:") lines alone are a bounce quoting the original, not it
   * (Ipswitch IMail writes To, CC, Date and Subject).
   */
  private static boolean summaryOnly(Headers h) {
    if (h.size() > 4) {
      return false;
    }
    for (int i = 0; i < h.size(); i++) {
      String n = h.name(i);
      if (!n.equals("subject")
          && !n.equals("date")
          && !n.equals("to")
          && !n.equals("cc")
          && !n.equals("sent")) {
        return false;
      }
    }
    return true;
  }

  private static int skipBlank(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == '\n' || s.charAt(i) == ' ')) {
      i++;
    }
    return i;
  }

  /**
   * The offset of the first line that starts a quoted header block: two or more fields, one of them
   * a field every message has. -1 when there is none.
   */
  static int inlineStart(String text, int from) {
    int pos = from;
    int n = text.length();
    while (pos < n) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      int colon = Headers.fieldColon(text, pos, eol);
      if (colon > 0) {
        Headers.Block b = Headers.parse(text, pos, 40);
        Headers h = b.headers();
        int keys = 0;
        for (int i = 0; i < h.size(); i++) {
          if (KEY.contains(h.name(i))) {
            keys++;
          }
        }
        if (h.size() >= 2 && keys >= 1 && (keys >= 2 || h.size() >= 4) && !summaryOnly(h)) {
          return pos;
        }
        pos = Math.max(b.end(), eol + 1);
        continue;
      }
      pos = eol + 1;
    }
    return -1;
  }
}
