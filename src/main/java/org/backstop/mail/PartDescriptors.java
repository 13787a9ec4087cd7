package org.backstop.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptorBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * What mime4j needs to know of each part to find its body and sub-parts (media type, boundary,
 * charset, transfer encoding; RFC 2045 section 5), built as mime4j's own {@code
 * FallbackBodyDescriptorBuilder} builds it, field for field, from the fields that {@link
 * FieldCollector} reads. The difference is the Content-Type value: one in plain ASCII, without
 * comments or escapes, is read here in one loop over its bytes, which gives exactly what mime4j's
 * general parser gives (see the differential test) at a fraction of its cost; any other value goes
 * through mime4j's parser.
 */
final class PartDescriptors implements BodyDescriptorBuilder {
  private final String parentMimeType;
  private final FieldCollector fields;
  private String mimeType;
  private String subType;
  private String mediaType;
  private String boundary;
  private String charset;
  private String transferEncoding;
  private long contentLength;

  /** The builder of the message itself; each part's builder is made by {@link #newChild}. */
  PartDescriptors(FieldCollector fields) {
    this(null, fields);
  }

  private PartDescriptors(String parentMimeType, FieldCollector fields) {
    this.parentMimeType = parentMimeType;
    this.fields = fields;
    reset();
  }

  /**
   * The part's description, as mime4j's BasicBodyDescriptor holds it; the components are named
   * after BodyDescriptor's getters, which their accessors implement.
   */
  record Descriptor(
      String getMimeType,
      String getMediaType,
      String getSubType,
      String getBoundary,
      String getCharset,
      String getTransferEncoding,
      long getContentLength)
      implements BodyDescriptor {}

  /** mime4j starts each part's header with this: its fields are this builder's from now on. */
  @Override
  public void reset() {
    mimeType = null;
    subType = null;
    mediaType = null;
    boundary = null;
    charset = null;
    transferEncoding = null;
    contentLength = -1;
    fields.describe(this);
  }

  @Override
  public BodyDescriptorBuilder newChild() {
    return new PartDescriptors(mimeType, fields);
  }

  @Override
  public BodyDescriptor build() {
    String actualMimeType = mimeType;
    String actualMediaType = mediaType;
    String actualSubType = subType;
    String actualCharset = charset;
    if (actualMimeType == null) {
      if (MimeUtil.isSameMimeType("multipart/digest", parentMimeType)) {
        actualMimeType = "message/rfc822";
        actualMediaType = "message";
        actualSubType = "rfc822";
      } else {
        actualMimeType = "text/plain";
        actualMediaType = "text";
        actualSubType = "plain";
      }
    }
    if (actualCharset == null && "text".equals(actualMediaType)) {
      actualCharset = "us-ascii";
    }
    return new Descriptor(
        actualMimeType,
        actualMediaType,
        actualSubType,
        boundary,
        actualCharset,
        transferEncoding != null ? transferEncoding : "7bit",
        contentLength);
  }

  /** mime4j hands over only the fields that {@link FieldCollector} returns: none. */
  @Override
  public Field addField(RawField field) {
    String name = field.getNameLowerCase();
    if (name.equals("content-type")) {
      if (mimeType == null) {
        RawBody body = RawFieldParser.DEFAULT.parseRawBody(field);
        contentType(body.getValue(), body.getParams());
      }
    } else {
      other(name, field);
    }
    return null;
  }

  /**
   * A Content-Type, Content-Transfer-Encoding or Content-Length field of the current part: bytes
   * {@code [0, len)} of {@code raw} with the colon at {@code colon}, and its name in lower case.
   */
  void field(String lowerName, byte[] raw, int colon, int len) {
    if (lowerName.equals("content-type")) {
      if (mimeType != null) {
        return;
      }
      Simple.Parsed p = Simple.parse(raw, colon + 1, len);
      if (p != null) {
        contentType(p.value(), p.params());
      } else {
        RawField f = parseOrNull(raw, len);
        if (f != null) {
          RawBody body = RawFieldParser.DEFAULT.parseRawBody(f);
          contentType(body.getValue(), body.getParams());
        }
      }
    } else {
      RawField f = parseOrNull(raw, len);
      if (f != null) {
        other(lowerName, f);
      }
    }
  }

  private static RawField parseOrNull(byte[] raw, int len) {
    try {
      return RawFieldParser.DEFAULT.parseField(new ByteArrayBuffer(raw, len, false));
    } catch (org.apache.james.mime4j.MimeException e) {
      return null; // not reached: FieldCollector passes only fields that parse
    }
  }

  /** Content-Transfer-Encoding and Content-Length, as mime4j reads them (rare and short). */
  private void other(String name, RawField field) {
    if (name.equals("content-transfer-encoding") && transferEncoding == null) {
      String value = field.getBody();
      if (value != null) {
        value = value.trim().toLowerCase(Locale.US);
        if (value.length() > 0) {
          transferEncoding = value;
        }
      }
    } else if (name.equals("content-length") && contentLength == -1) {
      String value = field.getBody();
      if (value != null) {
        try {
          contentLength = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          // mime4j's lenient reading ignores it too.
        }
      }
    }
  }

  /** FallbackBodyDescriptorBuilder.parseContentType, after the value has been parsed. */
  private void contentType(String value, List<NameValuePair> list) {
    String main = value;
    // As mime4j's map of the parameters by lower-case name would answer: the last one wins.
    String b = null;
    String c = null;
    boolean haveBoundary = false;
    boolean haveCharset = false;
    for (int i = list.size() - 1; i >= 0 && !(haveBoundary && haveCharset); i--) {
      NameValuePair nmp = list.get(i);
      String name = nmp.getName();
      if (name.length() != 8 && name.length() != 7) {
        continue; // toLowerCase(Locale.US) keeps the length of any name that could match
      }
      String lower = name.toLowerCase(Locale.US);
      if (!haveBoundary && lower.equals("boundary")) {
        b = nmp.getValue();
        haveBoundary = true;
      } else if (!haveCharset && lower.equals("charset")) {
        c = nmp.getValue();
        haveCharset = true;
      }
    }
    String type = null;
    String subtype = null;
    if (main != null) {
      main = main.toLowerCase().trim();
      int index = main.indexOf('/');
      boolean valid = false;
      if (index != -1) {
        type = main.substring(0, index).trim();
        subtype = main.substring(index + 1).trim();
        if (type.length() > 0 && subtype.length() > 0) {
          main = type + "/" + subtype;
          valid = true;
        }
      }
      if (!valid) {
        main = null;
        type = null;
        subtype = null;
      }
    }
    boolean multipart = main != null && main.startsWith("multipart/");
    if (multipart && b != null || !multipart) {
      mimeType = main;
      mediaType = type;
      subType = subtype;
    }
    if (MimeUtil.isMultipart(mimeType)) {
      boundary = b;
    }
    charset = null;
    if (c != null) {
      c = c.trim();
      if (c.length() > 0) {
        charset = c;
      }
    }
  }

  /**
   * mime4j's RawFieldParser.parseRawBody (a value, then "; name=value" parameters) for a value of
   * printable ASCII, blanks and line breaks with no comment, no backslash escape and no encoded
   * word in quotes; null for any other value, which mime4j's parser then reads.
   */
  static final class Simple {
    private Simple() {}

    /** The value and the parameters in order, as RawBody holds them. */
    record Parsed(String value, List<NameValuePair> params) {}

    static Parsed parse(byte[] r, int from, int to) {
      if (!simple(r, from, to)) {
        return null;
      }
      int[] pos = {from};
      String value = token(r, pos, to, false);
      List<NameValuePair> params = new ArrayList<>();
      if (pos[0] >= to) {
        return new Parsed(value, params);
      }
      pos[0]++; // the ';'
      while (pos[0] < to && blank(r[pos[0]])) {
        pos[0]++;
      }
      while (pos[0] < to) {
        String name = token(r, pos, to, true);
        if (pos[0] >= to) {
          params.add(new NameValuePair(name, null));
          break;
        }
        byte delim = r[pos[0]++];
        if (delim == ';') {
          params.add(new NameValuePair(name, null));
          continue;
        }
        String v = value(r, pos, to);
        if (v == null) {
          return null; // a quoted string mime4j reads its own way: let it
        }
        if (pos[0] < to) {
          pos[0]++; // the ';'
        }
        params.add(new NameValuePair(name, v));
      }
      return new Parsed(value, params);
    }

    private static boolean blank(byte c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Only printable ASCII and blanks: no comment, no escape, nothing to decode. */
    private static boolean simple(byte[] r, int from, int to) {
      for (int i = from; i < to; i++) {
        byte c = r[i];
        if (c == '(' || c == '\\' || c < 0 || c == 0x7f || c < ' ' && !blank(c)) {
          return false;
        }
      }
      return true;
    }

    /** RawFieldParser.parseToken up to ';' (and '=' for a parameter name). */
    private static String token(byte[] r, int[] pos, int to, boolean stopAtEquals) {
      StringBuilder dst = null;
      String only = null;
      int i = pos[0];
      while (i < to) {
        byte c = r[i];
        if (c == ';' || stopAtEquals && c == '=') {
          break;
        }
        if (blank(c)) {
          i++;
          continue;
        }
        // A run of other characters; runs are always parted by blanks, joined by one space.
        int start = i;
        while (i < to && !blank(r[i]) && r[i] != ';' && !(stopAtEquals && r[i] == '=')) {
          i++;
        }
        String run = ascii(r, start, i);
        if (only == null && dst == null) {
          only = run;
        } else {
          if (dst == null) {
            dst = new StringBuilder(only);
          }
          dst.append(' ').append(run);
        }
      }
      pos[0] = i;
      return dst != null ? dst.toString() : only != null ? only : "";
    }

    /**
     * RawFieldParser.parseValue up to ';': runs and quoted strings, one space for blanks between
     * them. Null for an unclosed quote or a quoted encoded word (mime4j decodes those).
     */
    private static String value(byte[] r, int[] pos, int to) {
      StringBuilder dst = new StringBuilder();
      boolean whitespace = false;
      int i = pos[0];
      while (i < to) {
        byte c = r[i];
        if (c == ';') {
          break;
        }
        if (blank(c)) {
          while (i < to && blank(r[i])) {
            i++;
          }
          whitespace = true;
          continue;
        }
        if (dst.length() > 0 && whitespace) {
          dst.append(' ');
        }
        if (c == '"') {
          int content = dst.length();
          i++;
          while (i < to && r[i] != '"') {
            if (r[i] != '\r' && r[i] != '\n') {
              dst.append((char) r[i]);
            }
            i++;
          }
          if (i >= to
              || dst.length() - content >= 2
                  && dst.charAt(content) == '='
                  && dst.charAt(content + 1) == '?') {
            return null;
          }
          i++;
        } else {
          int start = i;
          while (i < to && !blank(r[i]) && r[i] != ';' && r[i] != '"') {
            i++;
          }
          dst.append(ascii(r, start, i));
        }
        whitespace = false;
      }
      pos[0] = i;
      return dst.toString();
    }

    private static String ascii(byte[] r, int from, int to) {
      return new String(r, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
