package org.backstop.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds mailbox addresses (RFC 5321 section 4.1.2) in header values and free text without regular
 * expressions: scan to each '@' and grow both ways over the allowed characters.
 */
final class Addresses {
  private Addresses() {}

  /** The first address in {@code s}, in lower case, or null. */
  /**
   * The address a report's recipient field names: as {@link #first}, and also a host-local address
   * whose domain is a single label ("user@mailhub"), which an MTA writes after expanding an alias
   * to a local mailbox. Only for fields whose whole value is one address; free text keeps the
   * stricter rule, where such words are rarely addresses.
   */
  static String field(String v) {
    String a = first(v);
    if (a != null || v == null) {
      return a;
    }
    String t = v.trim();
    if (t.startsWith("<") && t.endsWith(">")) {
      t = t.substring(1, t.length() - 1);
    }
    int at = t.indexOf('@');
    if (at <= 0 || at != t.lastIndexOf('@') || at == t.length() - 1 || at > 64) {
      return null;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok =
          i > at
              ? Character.isLetterOrDigit(c) || c == '-'
              : c > ' ' && c < 127 && "()<>[]\\,;:\"".indexOf(c) < 0;
      if (!ok) {
        return null;
      }
    }
    return Text.lower(t);
  }

  static String first(String s) {
    if (s == null) {
      return null;
    }
    int at = s.indexOf('@');
    while (at >= 0) {
      String a = around(s, at);
      if (a != null) {
        return a;
      }
      at = s.indexOf('@', at + 1);
    }
    return null;
  }

  /** Every address in {@code s}, in lower case, in order, without duplicates. */
  static List<String> all(String s) {
    List<String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    int at = s.indexOf('@');
    while (at >= 0) {
      String a = around(s, at);
      if (a != null && !out.contains(a)) {
        out.add(a);
      }
      at = s.indexOf('@', at + 1);
    }
    return out;
  }

  /** The address of a header such as From or To: the part in angle brackets when present. */
  static String ofHeader(String v) {
    if (v == null) {
      return null;
    }
    int lt = v.lastIndexOf('<');
    if (lt >= 0) {
      int gt = v.indexOf('>', lt);
      String inner = v.substring(lt + 1, gt < 0 ? v.length() : gt);
      String a = first(inner);
      if (a != null) {
        return a;
      }
    }
    return first(v);
  }

  /** The address around the '@' at {@code at}, or null when either side is not valid. */
  static String around(String s, int at) {
    String quoted = quotedLocal(s, at);
    if (quoted != null) {
      String rest = around("x" + s.substring(at), 1);
      return rest == null ? null : Text.lower(quoted) + rest.substring(1);
    }
    int start = at;
    while (start > 0 && isLocal(s.charAt(start - 1))) {
      start--;
    }
    int end = at + 1;
    if (end < s.length() && s.charAt(end) == '[') {
      int close = s.indexOf(']', end);
      if (close > 0 && close - end < 48) {
        end = close + 1;
      }
    } else {
      while (end < s.length() && isDomain(s.charAt(end))) {
        end++;
      }
    }
    while (start < at && (s.charAt(start) == '.' || s.charAt(start) == '\'')) {
      start++;
    }
    while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
      end--;
    }
    if (start == at || end <= at + 1) {
      return null;
    }
    if (s.charAt(at + 1) != '[' && !has(s, at + 1, end, '.')) {
      return null;
    }
    if (at - start > 64 && !has(s, start, at, '=')) {
      return null;
    }
    // The local part, the '@' and the domain lie side by side in s: one copy, then lower case.
    return Text.lower(s.substring(start, end));
  }

  /** Whether {@code c} occurs in {@code s[from, to)}. */
  private static boolean has(String s, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return true;
      }
    }
    return false;
  }

  /**
   * A quoted local part ("a..b"@example.org) that needs its quotes, being no dot-atom (RFC 5321
   * section 4.1.2): kept with them, since without them it names no valid mailbox; a quoted dot-atom
   * loses its needless quotes. Null when no quoted local part ends at {@code at}.
   */
  private static String quotedLocal(String s, int at) {
    if (at < 3 || s.charAt(at - 1) != '"') {
      return null;
    }
    int open = s.lastIndexOf('"', at - 2);
    if (open < 0 || at - 1 - open > 65) {
      return null;
    }
    String inner = s.substring(open + 1, at - 1);
    if (inner.isEmpty() || inner.indexOf(' ') >= 0 || inner.indexOf('\\') >= 0) {
      return null;
    }
    boolean dotAtom = !inner.startsWith(".") && !inner.endsWith(".") && !inner.contains("..");
    for (int i = 0; i < inner.length() && dotAtom; i++) {
      dotAtom = isLocal(inner.charAt(i));
    }
    return dotAtom ? inner : '"' + inner + '"';
  }

  private static boolean isLocal(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '+'
        || c == '='
        || c == '\''
        || c == '!'
        || c == '#'
        || c == '$'
        || c == '%'
        || c == '&'
        || c == '*'
        || c == '/'
        || c == '?'
        || c == '^'
        || c == '`'
        || c == '{'
        || c == '|'
        || c == '}'
        || c == '~';
  }

  private static boolean isDomain(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '.'
        || c == '-'
        || c == '_';
  }

  /** True for the addresses of mail systems rather than people: MAILER-DAEMON, postmaster. */
  static boolean isSystem(String a) {
    if (a == null) {
      return false;
    }
    String local = a.substring(0, Math.max(0, a.indexOf('@')));
    return local.equals("mailer-daemon")
        || local.equals("postmaster")
        || local.equals("post_master")
        || local.equals("mailerdaemon")
        || local.equals("mail-daemon")
        || local.startsWith("mailer-daemon")
        || local.equals("mdaemon")
        || local.equals("bounce")
        || local.equals("bounces")
        || local.equals("root") && a.contains("localhost");
  }
}
