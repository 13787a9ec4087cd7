package org.backstop.mail;

/**
 * Turns an HTML part into plain text for the rules: tags dropped, block ends become line breaks, a
 * few entities decoded. Only for reading bounce wording, not for display.
 */
final class Html {
  private Html() {}

  static String toText(String html) {
    StringBuilder sb = new StringBuilder(html.length());
    String lowerHtml = null;
    int n = html.length();
    int i = 0;
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          break;
        }
        String tag = Text.lower(html.substring(i + 1, Math.min(end, i + 8)));
        if (tag.startsWith("br")
            || tag.startsWith("/p")
            || tag.startsWith("/div")
            || tag.startsWith("/tr")
            || tag.startsWith("p") && (tag.length() == 1 || tag.charAt(1) == ' ')
            || tag.startsWith("/h")
            || tag.startsWith("/li")) {
          sb.append('\n');
        } else if (tag.startsWith("style") || tag.startsWith("script")) {
          if (lowerHtml == null) {
            lowerHtml = Text.lower(html);
          }
          int close = lowerHtml.indexOf("</" + (tag.startsWith("style") ? "style" : "script"), end);
          end = close < 0 ? n - 1 : html.indexOf('>', close);
          if (end < 0) {
            break;
          }
        } else if (tag.startsWith("/td")) {
          sb.append(' ');
        }
        i = end + 1;
      } else if (c == '&') {
        int semi = html.indexOf(';', i);
        if (semi > i && semi - i < 8) {
          String ent = html.substring(i + 1, semi);
          String rep =
              switch (ent) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "nbsp", "#160" -> " ";
                case "#39", "apos" -> "'";
                default -> null;
              };
          if (rep != null) {
            sb.append(rep);
            i = semi + 1;
            continue;
          }
        }
        sb.append(c);
        i++;
      } else if (c == '\n') {
        sb.append(' ');
        i++;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }
}
