package org.backstop.mail;

/**
 * One leaf of a parsed message: its media type in lower case, its own header fields and its decoded
 * text (transfer encoding and charset undone), cut at the analyzer's part limit. An HTML part is
 * turned into text only when a rule reads it: most messages carry a plain-text twin that is read
 * instead.
 */
final class MimePart {
  private final String type;
  private final Headers headers;
  private String text;
  private String html;

  MimePart(String type, Headers headers, String text) {
    this.type = type;
    this.headers = headers;
    if (type.equals("text/html")) {
      this.html = text;
    } else {
      this.text = text;
    }
  }

  String type() {
    return type;
  }

  Headers headers() {
    return headers;
  }

  /** The part's text; HTML as the text a person would read (see {@link Html#toText}). */
  String text() {
    if (text == null) {
      text = Html.toText(html);
      html = null;
    }
    return text;
  }

  boolean is(String mediaType) {
    return type.equals(mediaType);
  }

  boolean isText() {
    return type.startsWith("text/") && !type.equals("text/rfc822-headers");
  }

  boolean isAttachment() {
    String d = headers.get("content-disposition");
    return d != null && Text.lower(d).startsWith("attachment");
  }
}
