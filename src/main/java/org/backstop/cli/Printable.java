package org.backstop.cli;

/**
 * Text from the network (a bounce's diagnostic, an SMTP banner, a delisting request's reason) made
 * safe to print on a terminal. A control character in it could move the cursor, rewrite lines
 * already shown, retitle the window or worse (ECMA-48 escape and control sequences), and a
 * bidirectional override could show text in another order than it is stored (Unicode UAX #9); each
 * is shown visibly instead: C0 controls and DEL in caret notation ({@code ^[} for ESC, as {@code
 * cat -v} shows them), the C1 controls and the bidirectional controls as {@code <U+009B>}.
 */
final class Printable {
  private Printable() {}

  /** One line: a line break or tab becomes a space, any other control shows as above. */
  static String line(String s) {
    return s == null ? null : escape(s, false);
  }

  /** Lines of text whose own line breaks stand: every other control shows as above. */
  static String text(String s) {
    return s == null ? null : escape(s, true);
  }

  private static String escape(String s, boolean keepNewlines) {
    int i = 0;
    while (i < s.length() && !special(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s; // the usual case: nothing to change, no copy
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!special(c)) {
        b.append(c);
      } else if (c == '\n' && keepNewlines) {
        b.append('\n');
      } else if (c == '\n' || c == '\r' || c == '\t') {
        b.append(' ');
      } else if (c < 0x20 || c == 0x7f) {
        b.append('^').append((char) (c ^ 0x40));
      } else {
        b.append(String.format("<U+%04X>", (int) c));
      }
    }
    return b.toString();
  }

  /**
   * C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates
   * (U+202A-U+202E, U+2066-U+2069), which reorder what a terminal shows.
   */
  private static boolean special(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
