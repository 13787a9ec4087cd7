package org.backstop.mail;

/**
 * Rebuilds a remote server's multi-line reply (RFC 5321 section 4.2.1: every line but the last is
 * "code-text") into one sentence: reports often quote only its first line, and a reply quoted whole
 * repeats the code on every line, which splits the phrases a reason is told by.
 */
final class ReplyLines {
  private ReplyLines() {}

  /** Longest transcript gathered, so hostile input stays small. */
  private static final int MAX = 2000;

  /**
   * The diagnostic completed from a session transcript ("{@code <<< 552-5.7.0 ...}" lines) in the
   * report when the diagnostic is only the first line of a continued reply; else unchanged.
   */
  static String complete(String diag, String report) {
    if (diag == null || report == null) {
      return diag;
    }
    int c = continuation(diag);
    if (c < 0) {
      return diag;
    }
    String code = diag.substring(c, c + 3);
    String first = firstWords(diag, c);
    if (first.length() < 12) {
      return diag;
    }
    int at = report.indexOf("<<< " + code + "-");
    while (at >= 0) {
      int eol = lineEnd(report, at);
      if (report.substring(at, eol).contains(first)) {
        return unwrap(diag.substring(0, c) + gather(report, at, code));
      }
      at = report.indexOf("<<< " + code + "-", eol);
    }
    return diag;
  }

  /** The text with the reply code repeated inside it (at a line joint) taken out. */
  static String unwrap(String s) {
    if (s == null) {
      return null;
    }
    // Copied in runs between the codes taken out; most texts have none and come back as they are.
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    boolean seen = false;
    while (i < s.length()) {
      char c = s.charAt(i);
      int n = c == '2' || c == '4' || c == '5' ? codeAt(s, i) : 0;
      if (n > 0 && (i == 0 || s.charAt(i - 1) == ' ')) {
        if (seen) {
          if (out == null) {
            out = new StringBuilder(s.length());
          }
          out.append(s, copied, i);
          i += n;
          while (i < s.length() && s.charAt(i) == ' ') i++;
          copied = i;
          continue;
        }
        seen = true;
        i += n;
        continue;
      }
      i++;
    }
    return out == null ? s : out.append(s, copied, s.length()).toString();
  }

  /**
   * Length of a reply code at {@code i} ("550-", "550 5.7.1", "550-5.7.1") followed by a space, or
   * 0.
   */
  private static int codeAt(String s, int i) {
    if (i + 4 > s.length() || !reply(s, i)) {
      return 0;
    }
    char sep = s.charAt(i + 3);
    if (sep != '-' && sep != ' ') {
      return 0;
    }
    int j = i + 4;
    int k = enhanced(s, j);
    if (k > j) {
      return k < s.length() && s.charAt(k) == ' ' ? k - i : 0;
    }
    return sep == '-' && j < s.length() && s.charAt(j) == ' ' ? 4 : 0;
  }

  private static boolean reply(String s, int i) {
    char a = s.charAt(i);
    return (a == '2' || a == '4' || a == '5')
        && Character.isDigit(s.charAt(i + 1))
        && Character.isDigit(s.charAt(i + 2))
        && (i + 3 == s.length() || !Character.isDigit(s.charAt(i + 3)));
  }

  /** End of an enhanced status code x.y.z starting at {@code j}, or {@code j}. */
  private static int enhanced(String s, int j) {
    if (j + 5 > s.length()) return j;
    char a = s.charAt(j);
    if ((a != '2' && a != '4' && a != '5') || s.charAt(j + 1) != '.') return j;
    int k = digits(s, j + 2);
    if (k == j + 2 || k >= s.length() || s.charAt(k) != '.') return j;
    int m = digits(s, k + 1);
    return m == k + 1 ? j : m;
  }

  private static int digits(String s, int i) {
    int k = i;
    while (k < s.length() && k < i + 3 && Character.isDigit(s.charAt(k))) k++;
    return k;
  }

  /** Where a continued reply code ("552-") starts within the first 80 characters, or -1. */
  private static int continuation(String d) {
    int lim = Math.min(d.length() - 4, 80);
    for (int i = 0; i <= lim; i++) {
      if ((i == 0 || !Character.isLetterOrDigit(d.charAt(i - 1)))
          && reply(d, i)
          && d.charAt(i + 3) == '-') {
        return i;
      }
    }
    return -1;
  }

  /** Up to 40 characters of the reply's words after its code, trimmed. */
  private static String firstWords(String d, int c) {
    int i = c + codeAt(d, c);
    if (i == c) return "";
    String rest = d.substring(i);
    int close = rest.indexOf(')');
    if (close >= 0) rest = rest.substring(0, close);
    rest = rest.strip();
    return rest.length() > 40 ? rest.substring(0, 40) : rest;
  }

  private static int lineEnd(String s, int from) {
    int e = s.indexOf('\n', from);
    return e < 0 ? s.length() : e;
  }

  /** The "{@code <<< code}" lines from {@code at} on, joined without their "{@code <<< }". */
  private static String gather(String report, int at, String code) {
    StringBuilder b = new StringBuilder();
    int i = at;
    while (i < report.length() && b.length() < MAX) {
      int eol = lineEnd(report, i);
      String line = report.substring(i, eol).strip();
      if (!line.startsWith("<<< " + code)) break;
      if (b.length() > 0) b.append(' ');
      b.append(line.substring(4).strip());
      if (line.length() > 7 && line.charAt(7) == ' ') break; // the last line of the reply
      i = eol + 1;
      while (i < report.length() && (report.charAt(i) == ' ' || report.charAt(i) == '\t')) i++;
    }
    return b.toString();
  }
}
