package org.backstop.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A redacted sample of an offending message's headers for the public result page: enough for the
 * operator to find the message in their logs, nothing that reveals a trap address (which spammers
 * would remove from their lists) or a third party's mailbox.
 *
 * <p>Only headers useful for log searching are kept; every email address becomes {@code
 * [redacted]@domain} with the domain kept for addresses outside the trap's domain only when it is
 * not the recipient side. To stay simple and safe, all local parts are removed, and domains are
 * removed in the recipient headers (To, Cc, Delivered-To, X-Original-To).
 */
public final class HeaderSample {
  private static final Set<String> KEEP =
      Set.of(
          "received",
          "date",
          "from",
          "to",
          "subject",
          "message-id",
          "auto-submitted",
          "return-path",
          "content-type",
          "x-mailer",
          "precedence",
          "in-reply-to",
          "references",
          "x-failed-recipients");
  private static final Set<String> RECIPIENT =
      Set.of("to", "cc", "x-original-to", "delivered-to", "x-failed-recipients");
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9.-]+)");
  private static final int MAX_LINES = 40;
  private static final int MAX_LINE = 300;
  private static final int MAX_INPUT = 64 * 1024;

  private HeaderSample() {}

  /** The redacted sample, or an empty string when there is none. */
  public static String redact(String rawHeaders) {
    if (rawHeaders == null || rawHeaders.isBlank()) {
      return "";
    }
    if (rawHeaders.length() > MAX_INPUT) {
      rawHeaders = rawHeaders.substring(0, MAX_INPUT);
    }
    List<String> out = new ArrayList<>();
    String current = null;
    for (String line : rawHeaders.split("\r?\n", 400)) {
      if (line.isEmpty()) {
        break; // end of the header section
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
        if (current.length() < 2 * MAX_LINE) {
          current = current + " " + line.strip();
        }
        continue;
      }
      if (current != null) {
        keep(out, current);
      }
      current = line;
    }
    if (current != null) {
      keep(out, current);
    }
    return String.join("\n", out.subList(0, Math.min(out.size(), MAX_LINES)));
  }

  private static void keep(List<String> out, String header) {
    int colon = header.indexOf(':');
    if (colon <= 0) {
      return;
    }
    String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    if (!KEEP.contains(name)) {
      return;
    }
    boolean recipient = RECIPIENT.contains(name);
    // Clip before matching: the address pattern is quadratic on a long run of name characters.
    String raw = header.substring(colon + 1);
    String value =
        ADDRESS
            .matcher(raw.length() > MAX_LINE ? raw.substring(0, MAX_LINE) : raw)
            .replaceAll(m -> recipient ? "[redacted]" : "[redacted]@" + m.group(1));
    String line = header.substring(0, colon + 1) + value;
    out.add(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line);
  }
}
