package org.backstop.mail;

/**
 * Reads what a remote server's reply tells beyond its words: the enhanced status code (RFC 3463),
 * the reply code (RFC 5321 section 4.2), the SMTP command it answered and the host.
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
      f.status = StatusCodes.findServers(d);
    }
    if (f.replyCode == null) {
      f.replyCode = StatusCodes.findReply(d);
    }
    String l = f.lowerDiagnostic();
    if (f.command == null) {
      f.command = command(l);
    }
    if (f.remoteMta == null) {
      f.remoteMta = host(d, l);
    }
  }

  /** The SMTP command a reply answered, from the phrases MTAs use to say so. */
  static String command(String l) {
    int i = COMMAND_WORDS.earliest(l);
    return i < 0 ? null : COMMAND_PHRASES[i][1];
  }

  /**
   * How far into a report session transcripts are looked for (the command above a reply, the lines
   * of a continued reply): 250 recipients' sessions fit many times over, and each recipient's look
   * reads at most this much of a report of megabytes.
   */
  static final int TRANSCRIPT_REACH = 256 * 1024;

  /**
   * The start of the report that the transcript look-ups read ({@link #commandInTranscript}, {@link
   * ReplyLines#complete}); null stays null.
   */
  static String transcriptPart(String report) {
    return report == null || report.length() <= TRANSCRIPT_REACH
        ? report
        : report.substring(0, TRANSCRIPT_REACH);
  }

  /**
   * The command a reply answered in a Sendmail-style session transcript: the nearest "&gt;&gt;&gt;
   * COMMAND" line above the reply's first line in the report. Null when the reply is not in a
   * transcript.
   *
   * @param report the report, or its first {@link #TRANSCRIPT_REACH} characters ({@link
   *     #transcriptPart})
   */
  static String commandInTranscript(String report, String diagnostic) {
    // A report without ">>> " lines gives null below (no command line above the reply);
    // the one caller asks once per report whether it has any, before asking for each recipient.
    if (report == null || diagnostic == null) {
      return null;
    }
    String probe = diagnostic.strip();
    if (probe.startsWith("<<< ")) {
      probe = probe.substring(4);
    }
    int eol = probe.indexOf('\n');
    probe =
        probe.substring(0, Math.min(eol < 0 ? probe.length() : eol, Math.min(probe.length(), 40)));
    int at = longestPrefixAt(report, probe);
    if (at < 0) {
      return null;
    }
    int c = report.lastIndexOf(">>> ", at);
    if (c < 0 || at - c > 600) {
      return null;
    }
    String line = Text.lower(report.substring(c + 4, Math.min(report.length(), c + 14)));
    for (String[] p :
        new String[][] {
          {"rcpt", "RCPT"}, {"mail", "MAIL"}, {"data", "DATA"}, {"ehlo", "EHLO"}, {"helo", "HELO"}
        }) {
      if (line.startsWith(p[0])) {
        return p[1];
      }
    }
    return null;
  }

  /**
   * Where the longest of the probe's prefixes of length {@code probe.length()}, 4 less, 8 less ...
   * (down to 12) first occurs in the report, or -1: the diagnostic joins transcript lines with
   * spaces, so only a prefix of it may be there. One pass over the report, along the occurrences of
   * the shortest prefix (each longer one starts where it does), and not one search per length: a
   * failed search reads the whole report, and it runs for every recipient.
   */
  static int longestPrefixAt(String report, String probe) {
    int longest = probe.length();
    if (longest < 12) {
      return -1;
    }
    int shortest = longest - (longest - 12) / 4 * 4;
    String head = probe.substring(0, shortest);
    // found: k of the longest prefix (length longest - 4k) met so far, and at: where it first was.
    int found = (longest - shortest) / 4 + 1;
    int at = -1;
    for (int p = report.indexOf(head); p >= 0 && found > 0; p = report.indexOf(head, p + 1)) {
      for (int k = 0; k < found; k++) {
        if (report.regionMatches(p + shortest, probe, shortest, longest - 4 * k - shortest)) {
          found = k;
          at = p;
          break;
        }
      }
    }
    return at;
  }

  private static final String[][] COMMAND_PHRASES = {
    {"in reply to rcpt to", "RCPT"},
    {"in reply to mail from", "MAIL"},
    {"in reply to end of data", "DATA"},
    {"in reply to data", "DATA"},
    {"in reply to ehlo", "EHLO"},
    {"in reply to helo", "HELO"},
    {"in reply to end of file", "DATA"},
    {"after rcpt to", "RCPT"},
    {"after mail from", "MAIL"},
    {"after end of data", "DATA"},
    {"after data", "DATA"},
    {"after initial connection", "CONN"},
    {"after ehlo", "EHLO"},
    {"after helo", "HELO"},
    {"after starttls", "STARTTLS"},
    {"after pipelined rcpt to", "RCPT"},
    {"after pipelined mail from", "MAIL"},
    {"after pipelined data", "DATA"},
    {">>> rcpt to", "RCPT"},
    {">>> mail from", "MAIL"},
    {">>> data", "DATA"},
    {">>> ehlo", "EHLO"},
    {">>> helo", "HELO"},
    {"rcpt to:<", "RCPT"},
    {"rcpt to: <", "RCPT"},
    {"[rcpt_to]", "RCPT"},
    {"after rcpt command", "RCPT"},
    {"does not like recipient", "RCPT"},
    {"after mail command", "MAIL"},
    {"sender was rejected", "MAIL"},
    {"smtp:rcpt ", "RCPT"},
    {"smtp:mail ", "MAIL"},
    {"smtp:data ", "DATA"}
  };

  /** {@link #COMMAND_PHRASES} in one automaton, by index. */
  private static final Phrases COMMAND_WORDS = Phrases.each(firsts(COMMAND_PHRASES));

  private static String[] firsts(String[][] pairs) {
    String[] out = new String[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      out[i] = pairs[i][0];
    }
    return out;
  }

  private static String host(String d, String l) {
    int i = l.indexOf("host ");
    while (i >= 0) {
      if (i == 0 || l.charAt(i - 1) == ' ' || l.charAt(i - 1) == '(') {
        int s = i + 5;
        int e = s;
        while (e < d.length()
            && (Character.isLetterOrDigit(d.charAt(e))
                || d.charAt(e) == '.'
                || d.charAt(e) == '-')) {
          e++;
        }
        String h = d.substring(s, e);
        if (h.indexOf('.') > 0
            && e < d.length()
            && (d.charAt(e) == '[' || d.charAt(e) == ' ' || d.charAt(e) == ':')) {
          return Text.lower(h);
        }
      }
      i = l.indexOf("host ", i + 5);
    }
    return null;
  }
}
