package org.backstop.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * A message read once for all rules: top-level headers, the leaf MIME parts (RFC 2045/2046) decoded
 * to text, and the text a person would read. Parsing is lenient (Apache mime4j in permissive mode)
 * and bounded: at most {@link #MAX_PARTS} parts of {@link #MAX_PART_CHARS}.
 */
final class Mail {
  static final int MAX_PARTS = 64;
  static final int MAX_PART_CHARS = 512 * 1024;

  /**
   * Deepest multipart nesting read. mime4j stacks one boundary stream per level and reads through
   * all of them recursively, so thousands of levels would overflow the stack; real reports nest
   * three or four deep.
   */
  static final int MAX_NESTING = 32;

  /**
   * Most MIME entities (parts and the multiparts around them) walked through: far more than the
   * {@link #MAX_PARTS} kept need, and a message of hundreds of thousands of empty multiparts is not
   * read to its end.
   */
  static final int MAX_ENTITIES = 1024;

  static final MimeConfig CONFIG =
      new MimeConfig.Builder()
          .setStrictParsing(false)
          .setMaxLineLen(-1)
          .setMaxHeaderCount(-1)
          .setMaxHeaderLen(-1)
          .setMaxContentLen(-1)
          .setMalformedHeaderStartsBody(true)
          .build();

  final Headers headers;
  final List<MimePart> parts;
  final String contentType;
  final String reportType;

  /** The human-readable text: the text parts, joined. */
  final String text;

  private String lowerText;

  /** The {@link TextFacts} groups present, with the top bit set once known; 0 before. */
  private long facts;

  private Mail(Headers headers, List<MimePart> parts) {
    this.headers = headers;
    this.parts = parts;
    String ct = headers.get("content-type");
    this.contentType = ct == null ? "text/plain" : mediaType(ct);
    this.reportType = ct == null ? null : param(ct, "report-type");
    this.text = joinText(parts);
  }

  /** Whether a phrase of that {@link TextFacts} group may be in the text (false: surely not). */
  boolean mayContain(int group) {
    if (facts == 0) {
      facts = TextFacts.of(text, lowerText()) | Long.MIN_VALUE; // the top bit: computed
    }
    return (facts & 1L << group) != 0;
  }

  private String lowerSubject;
  private String lowerAutoSubmitted;

  /** The Subject, encoded words decoded, in lower case ("" when absent): several rules ask. */
  String lowerSubject() {
    if (lowerSubject == null) {
      lowerSubject = Text.lower(headers.decoded("subject"));
    }
    return lowerSubject;
  }

  /** The Auto-Submitted field (RFC 3834) in lower case, "" when absent. */
  String lowerAutoSubmitted() {
    if (lowerAutoSubmitted == null) {
      lowerAutoSubmitted = Text.lower(headers.get("auto-submitted"));
    }
    return lowerAutoSubmitted;
  }

  /** The text in lower case, computed once. */
  String lowerText() {
    if (lowerText == null) {
      lowerText = Text.lower(text);
    }
    return lowerText;
  }

  /** The first part of that media type, or null. */
  MimePart part(String mediaType) {
    for (MimePart p : parts) {
      if (p.is(mediaType)) {
        return p;
      }
    }
    return null;
  }

  /** Parses LF-normalised bytes; never throws, and keeps whatever was read before an error. */
  static Mail parse(byte[] lf, Budget budget) {
    return parse(lf, 0, budget);
  }

  /** {@link #parse(byte[], Budget)} of the message that starts at {@code start} of {@code lf}. */
  static Mail parse(byte[] lf, int start, Budget budget) {
    Headers.Builder top = new Headers.Builder();
    List<MimePart> parts = new ArrayList<>();
    FieldCollector fields = new FieldCollector(budget);
    fields.target(top);
    MimeTokenStream stream =
        new MimeTokenStream(CONFIG, DecodeMonitor.SILENT, fields, new PartDescriptors(fields));
    stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
    int depth = 0;
    int nesting = 0;
    Headers.Builder current = null;
    boolean bodySeen = false;
    try {
      stream.parse(new ByteArrayInputStream(lf, start, lf.length - start));
      int entities = 0;
      read:
      for (EntityState s = stream.getState(); s != EntityState.T_END_OF_STREAM; s = stream.next()) {
        switch (s) {
          case T_START_HEADER -> {
            if (++entities > MAX_ENTITIES) {
              break read;
            }
            current = depth == 0 ? top : new Headers.Builder();
            fields.target(current);
          }
          case T_END_HEADER -> depth++;
          case T_START_MULTIPART -> nesting++;
          case T_END_MULTIPART -> nesting--;
          case T_BODY -> {
            bodySeen = true;
            parts.add(readBody(stream, current == null ? top : current));
          }
          default -> {}
        }
        // Past the last part kept nothing more is gathered: millions of empty parts (a message of
        // boundary lines) are not walked through to the end.
        if (budget.spent() || nesting > MAX_NESTING || parts.size() == MAX_PARTS) {
          break;
        }
      }
    } catch (IOException | MimeException | RuntimeException e) {
      // Broken MIME: keep the parts read so far; the rules work on what is there.
    }
    Headers h = top.build();
    if (!bodySeen) {
      parts.add(fallbackBody(lf, start));
    }
    return new Mail(h, List.copyOf(parts));
  }

  private static MimePart readBody(MimeTokenStream stream, Headers.Builder hb) throws IOException {
    BodyDescriptor bd = stream.getBodyDescriptor();
    String type =
        bd == null || bd.getMimeType() == null ? "text/plain" : Text.lower(bd.getMimeType());
    int junk = type.indexOf(' ');
    if (junk > 0) {
      // "text/plain\n charset=..." without the semicolon: keep the media type only.
      type = type.substring(0, junk);
    }
    Headers h = hb.build();
    if (!type.startsWith("text/") && !type.startsWith("message/")) {
      // Images, documents, archives: no rule reads them, so they are not decoded (mime4j skips
      // their bytes on the way to the next boundary).
      return new MimePart(type, h, "");
    }
    String ct = h.get("content-type");
    String charset = ct == null ? null : param(ct, "charset");
    byte[] buf = BUFFER.get();
    int n = TransferDecoding.read(stream, bd, buf);
    return new MimePart(type, h, Text.decode(buf, 0, n, charset));
  }

  private static MimePart fallbackBody(byte[] lf, int from) {
    int start = from;
    for (int i = from; i + 1 < lf.length; i++) {
      if (lf[i] == '\n' && lf[i + 1] == '\n') {
        start = i + 2;
        break;
      }
    }
    int len = Math.min(lf.length - start, MAX_PART_CHARS);
    return new MimePart(
        "text/plain", Headers.EMPTY, Text.decode(lf, start, Math.max(0, len), null));
  }

  /** One reusable buffer per thread: parts are decoded into it, then into a String. */
  private static final ThreadLocal<byte[]> BUFFER =
      ThreadLocal.withInitial(() -> new byte[MAX_PART_CHARS]);

  private static String joinText(List<MimePart> parts) {
    boolean plain = false;
    for (MimePart p : parts) {
      if (p.is("text/plain")) {
        plain = true;
        break;
      }
    }
    // Most messages have one such part: then its text is the text, without a copy.
    String only = null;
    StringBuilder sb = null;
    for (MimePart p : parts) {
      boolean take = plain ? p.is("text/plain") : p.isText();
      if (!take) {
        continue;
      }
      if (only == null && sb == null) {
        only = p.text();
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(only);
        only = null;
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(p.text());
    }
    return sb != null ? sb.toString() : only != null ? only : "";
  }

  /** The media type of a Content-Type value, in lower case. */
  static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return Text.lower((semi < 0 ? contentType : contentType.substring(0, semi)).trim());
  }

  /** A parameter of a structured header such as Content-Type (RFC 2045 section 5.1), or null. */
  static String param(String value, String name) {
    String lower = Text.lower(value);
    int from = 0;
    while (true) {
      int i = lower.indexOf(name, from);
      if (i < 0) {
        return null;
      }
      from = i + name.length();
      char before = i == 0 ? ';' : lower.charAt(i - 1);
      int eq = from;
      while (eq < lower.length() && lower.charAt(eq) == ' ') {
        eq++;
      }
      if ((before == ';' || before == ' ' || before == '\t')
          && eq < lower.length()
          && lower.charAt(eq) == '=') {
        int s = eq + 1;
        while (s < value.length() && value.charAt(s) == ' ') {
          s++;
        }
        if (s < value.length() && value.charAt(s) == '"') {
          int e = value.indexOf('"', s + 1);
          return value.substring(s + 1, e < 0 ? value.length() : e);
        }
        int e = s;
        while (e < value.length() && value.charAt(e) != ';' && value.charAt(e) != ' ') {
          e++;
        }
        return value.substring(s, e);
      }
    }
  }
}
