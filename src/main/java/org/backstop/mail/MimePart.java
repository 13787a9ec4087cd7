package org.backstop.mail;

/**
 * One leaf of a parsed message: its media type in lower case, its own header fields and its decoded
 * text (transfer encoding and charset undone), cut at the analyzer's part limit.
 */
record MimePart(String type, Headers headers, String text) {

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
