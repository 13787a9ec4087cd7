package org.backstop.mail;

/**
 * Finds the headers of the message a report is about: an attached message/rfc822 or
 * text/rfc822-headers part (RFC 3462), else a header block quoted inline in the text, which is
 * where most non-standard bounces put it.
 */
final class Originals {
  private Originals() {}

  /** The original's headers (maybe empty) and where in the mail's text the quoted copy starts. */
  record Located(Headers headers, int textCut, String source) {}

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
        Shape b = shape(text, pos, 40);
        if (b.fields >= 2
            && b.keys >= 1
            && (b.keys >= 2 || b.fields >= 4)
            && !(b.fields <= 4 && b.summaryOnly)) {
          return pos;
        }
        pos = Math.max(b.end, eol + 1);
        continue;
      }
      pos = eol + 1;
    }
    return -1;
  }

  /** What {@link #inlineStart} needs to know of a header block, without reading its values. */
  private static final class Shape implements Headers.FieldSink {
    private final String text;
    int fields;
    int keys;
    boolean summaryOnly = true;
    int end;

    Shape(String text) {
      this.text = text;
    }

    @Override
    public void field(int nameFrom, int nameTo, int valueFrom, int valueTo, int foldedTo) {
      fields++;
      if (isOneOf(text, nameFrom, nameTo, KEY_NAMES)) {
        keys++;
      }
      summaryOnly &= isOneOf(text, nameFrom, nameTo, SUMMARY_NAMES);
    }
  }

  /** Fields every message has: a quoted block with them is the original's header. */
  private static final String[] KEY_NAMES = {
    "from", "to", "subject", "message-id", "received", "date", "return-path"
  };

  /**
   * "Subject:" and "Date:" (or "To:", "CC:") lines alone are a bounce quoting the original, not it
   * (Ipswitch IMail writes To, CC, Date and Subject).
   */
  private static final String[] SUMMARY_NAMES = {"subject", "date", "to", "cc", "sent"};

  /** Whether {@code text[from, to)} is one of the lower-case names, in any case. */
  private static boolean isOneOf(String text, int from, int to, String[] names) {
    int len = to - from;
    for (String name : names) {
      if (name.length() == len && text.regionMatches(true, from, name, 0, len)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The fields of the header block at {@code from} as {@link Headers#parse} reads them (the same
   * lines, the same end), counted and classified by name instead of copied: the block is read for
   * every line that looks like a field, and most such blocks are not the original's.
   */
  private static Shape shape(String text, int from, int maxFields) {
    Shape shape = new Shape(text);
    shape.end = Headers.scan(text, from, maxFields, shape);
    return shape;
  }
}
