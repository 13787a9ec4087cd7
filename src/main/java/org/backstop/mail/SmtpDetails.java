package org.backstop.mail;

/**
 * Reads what a remote server's reply tells beyond its words: the enhanced status code (RFC
 * 3463), the reply code (RFC 5321 section 4.2), the SMTP command it answered and the host.
 */
final class SmtpDetails {
  private SmtpDetails() {}

  /** Fills the finding's missing status, reply code, command and remote host from its words. */
  static void fill(Finding f) {
    String d = f.diagnostic;
    if (d == null || d.isEmpty()) {
      return;
    }
    if (f.status == null) {
      f.status = StatusCodes.find(d);
    }
    if (f.replyCode == null) {
      f.replyCode = StatusCodes.findReply(d);
    }
    String l = Text.lower(d);
    if (f.command == null) {
      f.command = command(l);
    }
    if (f.remoteMta == null) {
      f.remoteMta = host(d, l);
    }
  }

  static String command(String l) {
    int i = l.indexOf("in reply to ");
    String s = i >= 0 ? l.substring(i + 12, Math.min(l.length(), i + 32)) : l;
    if (s.contains("rcpt")) return "RCPT";
    if (s.contains("mail from")) return "MAIL";
    if (s.contains("end of data") || s.startsWith("data") || s.contains("after data")) return "DATA";
    if (s.contains("ehlo")) return "EHLO";
    if (s.contains("helo")) return "HELO";
    if (i >= 0) return null;
    if (l.contains("after end of data") || l.contains("after data")) return "DATA";
    return null;
  }

  private static String host(String d, String l) {
    int i = l.indexOf("host ");
    while (i >= 0) {
      if (i == 0 || l.charAt(i - 1) == ' ' || l.charAt(i - 1) == '(') {
        int s = i + 5;
        int e = s;
        while (e < d.length() && (Character.isLetterOrDigit(d.charAt(e)) || d.charAt(e) == '.' || d.charAt(e) == '-')) {
          e++;
        }
        String h = d.substring(s, e);
        if (h.indexOf('.') > 0 && e < d.length() && (d.charAt(e) == '[' || d.charAt(e) == ' ' || d.charAt(e) == ':')) {
          return Text.lower(h);
        }
      }
      i = l.indexOf("host ", i + 5);
    }
    return null;
  }
}
