package org.backstop.filter;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Message-IDs quoted in the body of a report (the returned headers of RFC 3464's
 * message/rfc822 or text/rfc822-headers part, or a plain-text quote). A lenient fallback for when
 * the analyzer does not name the original message; the message's own Message-ID, in the top-level
 * header, is never taken.
 */
final class ReportedMessageIds {
  private static final Pattern QUOTED =
      Pattern.compile("(?im)^[ \\t>]*Message-ID:[ \\t]*<([^<>\\s]{1,900})>");
  private static final Pattern IN_REPLY_TO =
      Pattern.compile("(?im)^In-Reply-To:[ \\t]*((?:[^\\r\\n]|\\r?\\n[ \\t])*)");
  private static final Pattern ID = Pattern.compile("<([^<>\\s]{1,900})>");
  private static final int MAX_IDS = 20;

  private ReportedMessageIds() {}

  static Set<String> find(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int body = text.indexOf("\r\n\r\n");
    int bodyLf = text.indexOf("\n\n");
    int start = body < 0 ? bodyLf : (bodyLf < 0 ? body : Math.min(body, bodyLf));
    Set<String> ids = new LinkedHashSet<>();
    Matcher irt = IN_REPLY_TO.matcher(text);
    irt.region(0, start < 0 ? text.length() : start);
    if (irt.find()) {
      Matcher id = ID.matcher(irt.group(1));
      while (id.find() && ids.size() < MAX_IDS) {
        ids.add(id.group(1));
      }
    }
    if (start < 0) {
      return ids;
    }
    Matcher m = QUOTED.matcher(text);
    m.region(start, text.length());
    while (m.find() && ids.size() < MAX_IDS) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
