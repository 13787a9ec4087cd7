package org.backstop.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds failed recipients in the human-readable text of a non-standard bounce: each address that is
 * not the sender's or a mail system's, with the words around it as the diagnostic. The shape every
 * MTA shares: an address on its own line or before a colon, the error after it.
 */
final class TextRecipients {
  private TextRecipients() {}

  private static final int MAX_DIAG_LINES = 8;

  /**
   * Scans {@code text[from, to)} and returns findings in order of first mention.
   *
   * @param exclude addresses that are never the failed recipient (sender, report's own)
   */
  static List<Finding> scan(String text, int from, int to, Set<String> exclude) {
    Map<String, Finding> found = new LinkedHashMap<>();
    TextLines lines = new TextLines(text, from, to);
    // The next '@' at or after the current line: searched again only once passed, so lines
    // without one cost nothing (a search from every line would read the text over and over).
    int at = -1;
    for (int li = 0; li < lines.size() && found.size() < 500; li++) {
      int s = lines.start(li);
      int e = lines.end(li);
      if (at < s && at != Integer.MAX_VALUE) {
        at = text.indexOf('@', s);
        if (at < 0) {
          at = Integer.MAX_VALUE;
        }
      }
      if (at >= e) {
        continue;
      }
      String line = lines.line(li);
      if (skipLine(line)) {
        continue;
      }
      for (String a : Addresses.all(line)) {
        if (exclude.contains(a) || Addresses.isSystem(a) || noise(a)) {
          continue;
        }
        Finding seen = found.get(a);
        if (seen != null) {
          // A second mention (Exchange repeats the address for administrators) adds its words.
          String more = diagnosticAfter(lines, li, line, a);
          if (!more.isBlank()
              && !seen.diagnostic.contains(more)
              && seen.diagnostic.length() < 2000) {
            seen.diagnostic = seen.diagnostic.isBlank() ? more : seen.diagnostic + " " + more;
          }
          continue;
        }
        Finding f = new Finding(a);
        f.diagnostic = diagnosticAfter(lines, li, line, a);
        f.diagnosticType = "text";
        found.put(a, f);
      }
    }
    return new ArrayList<>(found.values());
  }

  private static boolean noise(String a) {
    // Message-IDs and queue ids look like addresses: long opaque local parts with few letters.
    String local = a.substring(0, a.indexOf('@'));
    if (local.length() > 64 || local.indexOf('$') >= 0) {
      return true;
    }
    if (local.length() < 24) {
      return false;
    }
    int hex = 0;
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (Character.digit(c, 16) >= 0 || c == '-' || c == '.') {
        hex++;
      }
    }
    return hex == local.length();
  }

  /** Line starts that name no failed recipient (headers of the original, the envelope). */
  private static final String[] SKIP_PREFIXES = {
    "message-id",
    "received:",
    "return-path",
    "from:",
    "reply-to:",
    "sender:",
    "(envelope-from",
    "in-reply-to",
    "references:",
    "x-",
    "mail from:",
    ">>> mail from:",
    "envelope-from",
    "id "
  };

  private static boolean skipLine(String line) {
    String t = line.trim();
    // Only the line's start decides (but for "in:"). An ASCII start is compared in place,
    // ignoring case, as lowering it would compare it; any other start is lowered as before.
    int head = Math.min(t.length(), 20);
    for (int i = 0; i < head; i++) {
      if (t.charAt(i) >= 128) {
        return skipLineLowered(t);
      }
    }
    if (Text.trimmedStartsWith(t, "in:")) {
      return skipLineLowered(t);
    }
    for (String p : SKIP_PREFIXES) {
      if (t.regionMatches(true, 0, p, 0, p.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean skipLineLowered(String t) {
    String l =
        Text.lower(t.length() > 20 && !Text.trimmedStartsWith(t, "in:") ? t.substring(0, 20) : t);
    for (String p : SKIP_PREFIXES) {
      if (l.startsWith(p)) {
        return true;
      }
    }
    return l.startsWith("in:") && l.contains("mail from:");
  }

  private static String diagnosticAfter(TextLines lines, int li, String line, String a) {
    if (Text.trimmedStartsWith(line, "rcpt to:")) {
      // An echo of the envelope in a "message details" list (Apache James): the server's reply
      // stands above it.
      String reply = replyAbove(lines, li);
      if (reply != null) {
        return reply;
      }
    }
    if (Text.trimmedStartsWith(line, "in:")) {
      // Postfix's session transcript ("In:" client, "Out:" server): the reply that failed the
      // message is the first error reply after the recipient's command, not the 250 next to it.
      String reply = errorReplyBelow(lines, li);
      if (reply != null) {
        return reply;
      }
    }
    StringBuilder sb = new StringBuilder();
    String lower = Text.lower(line);
    int ai = lower.indexOf(a);
    String rest = ai < 0 ? "" : line.substring(ai + a.length());
    rest = trimPunct(rest);
    String before = ai < 0 ? "" : trimPunct(line.substring(0, ai));
    if (rest.length() > 3 && before.length() > 3) {
      sb.append(line.trim());
    } else if (rest.length() > 3) {
      sb.append(rest);
    } else if (before.length() > 12 && !endsWithLabel(before)) {
      sb.append(before);
    }
    int blank = 0;
    for (int k = li + 1, taken = 0; k < lines.size() && taken < MAX_DIAG_LINES; k++) {
      String next = lines.line(k);
      if (lines.isBlank(k)) {
        boolean label =
            sb.length() == 0
                || sb.charAt(sb.length() - 1) == ':'
                || !hasReply(sb) && labelBelow(lines, k);
        if (!label || ++blank > 2) {
          break;
        }
        continue;
      }
      // Trimmed once for all the tests below (each used to trim it again).
      String t = lines.trimmed(k);
      if (next.indexOf('@') >= 0 && startsWithAddress(t) && !a.equals(lines.firstAddress(k))) {
        break;
      }
      if (next.startsWith("-----") || next.startsWith("=====")) {
        if (Text.lower(next).endsWith("-server message")) {
          // m-FILTER heads the remote server's reply with "-------server message".
          continue;
        }
        break;
      }
      if (startsDialogue(t)
          || isSendmailHostLine(t)
          || isSendmailRecipientLine(t) && !a.equals(lines.firstAddress(k))) {
        // Sendmail's transcript: another host's dialogue, or another recipient's verdict.
        break;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(t);
      taken++;
    }
    if (li > 0 && isSendmailRecipientLine(line)) {
      // Sendmail writes "NNN <address>... verdict" right after the server reply ("<<< ...") that
      // caused it; that reply is the recipient's real diagnostic.
      int k = li - 1;
      String prev = lines.trimmed(k);
      while (k > 0 && k > li - 4 && isSendmailHostLine(prev)) {
        k--;
        prev = lines.trimmed(k);
      }
      if (prev.startsWith("<<< ") && sb.indexOf(prev.substring(4)) < 0) {
        sb.insert(0, prev.substring(4) + " ");
      }
    }
    if (sb.length() == 0 && li > 0) {
      // Some MTAs (Lotus Notes) give the reason on the line before the address.
      String prev = lines.trimmed(li - 1);
      if (!prev.isEmpty() && !prev.startsWith("---") && prev.indexOf('@') < 0) {
        sb.append(prev);
      }
    }
    return sb.length() > 2000 ? sb.substring(0, 2000) : sb.toString();
  }

  /** Whether the words gathered so far hold an SMTP reply code (4xx or 5xx). */
  private static boolean hasReply(CharSequence sb) {
    return StatusCodes.findReply(sb.toString()) != null;
  }

  /**
   * Whether the paragraph after the blank line {@code k} is a label ending in a colon followed by
   * an SMTP reply: the server's words set apart from the address ("undeliverable to ...", blank,
   * "Body of message generated response:", "550 ...").
   */
  private static boolean labelBelow(TextLines lines, int k) {
    int j = k + 1;
    while (j < lines.size() && j <= k + 2 && lines.isBlank(j)) j++;
    if (j + 1 >= lines.size()) return false;
    String l = lines.trimmed(j);
    String r = lines.trimmed(j + 1);
    return l.endsWith(":")
        && l.indexOf('@') < 0
        && r.length() > 4
        && (r.charAt(0) == '4' || r.charAt(0) == '5')
        && Character.isDigit(r.charAt(1))
        && Character.isDigit(r.charAt(2))
        && (r.charAt(3) == ' ' || r.charAt(3) == '-');
  }

  /** The first "Out: 4xx/5xx" line below, within a short transcript. */
  private static String errorReplyBelow(TextLines lines, int li) {
    for (int k = li + 1; k < lines.size() && k <= li + 30; k++) {
      String t = lines.trimmed(k);
      if (t.startsWith("Out:")) {
        String r = t.substring(4).trim();
        if (r.length() > 4
            && (r.charAt(0) == '4' || r.charAt(0) == '5')
            && Character.isDigit(r.charAt(1))
            && Character.isDigit(r.charAt(2))) {
          return r;
        }
      }
    }
    return null;
  }

  /** The nearest line above that starts with an SMTP reply code, within a few lines. */
  private static String replyAbove(TextLines lines, int li) {
    for (int k = li - 1; k >= 0 && k >= li - 15; k--) {
      String t = lines.trimmed(k);
      if (t.length() > 4
          && (t.charAt(0) == '4' || t.charAt(0) == '5')
          && Character.isDigit(t.charAt(1))
          && Character.isDigit(t.charAt(2))
          && (t.charAt(3) == ' ' || t.charAt(3) == '-')) {
        return t;
      }
    }
    return null;
  }

  /** "While talking to host:" starts the dialogue with another host in Sendmail's transcript. */
  private static boolean startsDialogue(String line) {
    return Text.trimmedStartsWith(line, "while talking to ")
        || Text.trimmedStartsWith(line, "... while talking to ");
  }

  /** Sendmail's per-host verdict line: "421 host (smtp)... Deferred: ...". */
  private static boolean isSendmailHostLine(String line) {
    String t = line.trim();
    return startsWithReplyCode(t) && t.indexOf(" (smtp)... ") > 4;
  }

  /** Sendmail's per-recipient verdict line: a reply code, then "&lt;address&gt;...". */
  private static boolean isSendmailRecipientLine(String line) {
    String t = line.trim();
    return startsWithReplyCode(t) && t.charAt(4) == '<' && t.indexOf(">...") > 0;
  }

  /** Three digits and a space, then more: how each of Sendmail's verdict lines begins. */
  private static boolean startsWithReplyCode(String t) {
    return t.length() > 6
        && Character.isDigit(t.charAt(0))
        && Character.isDigit(t.charAt(1))
        && Character.isDigit(t.charAt(2))
        && t.charAt(3) == ' ';
  }

  private static boolean endsWithLabel(String s) {
    return s.endsWith(":");
  }

  private static boolean startsWithAddress(String line) {
    String t = line.trim();
    if (t.startsWith("<")) {
      t = t.substring(1);
    }
    int at = t.indexOf('@');
    int sp = t.indexOf(' ');
    return at > 0 && (sp < 0 || at < sp);
  }

  private static String trimPunct(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && " \t<>:;,.'\"()[]".indexOf(s.charAt(b)) >= 0) b++;
    while (e > b && " \t<>:;,'\"()[]".indexOf(s.charAt(e - 1)) >= 0) e--;
    return s.substring(b, e);
  }
}
