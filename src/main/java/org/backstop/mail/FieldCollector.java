package org.backstop.mail;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.FieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.BufferRecycler;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * Takes each header field (RFC 5322 section 2.2) that mime4j reads straight into the analyzer's
 * {@link Headers.Builder}, and the fields that shape the MIME structure (Content-Type,
 * Content-Transfer-Encoding, Content-Length; RFC 2045) into the part's {@link PartDescriptors};
 * mime4j itself is handed no field. mime4j's own builder parses every field into tokens first,
 * which is a fifth of the analyzer's time on messages with long Received chains; here a field name
 * made of plain field characters is taken as it is, and only an unusual one (blanks, comments,
 * 8-bit bytes) goes through mime4j's parser, so the fields accepted and refused are exactly
 * mime4j's.
 */
final class FieldCollector implements FieldBuilder {
  /** How many fields are read between looks at the time budget. */
  private static final int BUDGET_EVERY = 256;

  private final RecycledByteArrayBuffer buf =
      new RecycledByteArrayBuffer(new BufferRecycler(), 4096);
  private final Budget budget;
  private Headers.Builder target;
  private PartDescriptors descriptor;
  private int count;

  /** The header values of this message, side by side (see {@link Headers.Builder#addRaw}). */
  private byte[] arena = new byte[4096];

  private int arenaUsed;

  FieldCollector(Budget budget) {
    this.budget = budget;
  }

  /** The header block that the next fields belong to. */
  void target(Headers.Builder b) {
    target = b;
  }

  /** The description of the part whose fields come next (see {@link PartDescriptors#reset}). */
  void describe(PartDescriptors d) {
    descriptor = d;
  }

  /** Thrown when the time budget ran out while reading header fields. */
  static final class OutOfTime extends RuntimeException {
    OutOfTime() {
      super("time budget spent", null, false, false);
    }
  }

  @Override
  public void reset() {
    buf.clear();
  }

  @Override
  public void append(ByteArrayBuffer line) {
    if (line != null) {
      buf.append(line.buffer(), 0, line.length());
    }
  }

  /**
   * Records the field (in the header block, and in the part's description when it shapes the MIME
   * structure) and returns null, so that mime4j reads on. Throws, as mime4j's own builder does, for
   * a line that is no field: mime4j then takes it as the start of the body (permissive parsing).
   */
  @Override
  public RawField build() throws MimeException {
    if (++count % BUDGET_EVERY == 0 && budget.spent()) {
      throw new OutOfTime();
    }
    byte[] a = buf.buffer();
    int len = buf.length();
    if (len > 0 && a[len - 1] == '\n') {
      len--;
    }
    if (len > 0 && a[len - 1] == '\r') {
      len--;
    }
    int colon = -1;
    boolean plain = true;
    for (int i = 0; i < len; i++) {
      byte c = a[i];
      if (c == ':') {
        colon = i;
        break;
      }
      plain &= c > ' ' && c < 0x7f && c != '(';
    }
    String lowerName;
    if (plain && colon >= 0) {
      lowerName = lowerAscii(a, colon);
      if (isStructural(lowerName) && descriptor != null) {
        descriptor.field(lowerName, a, colon, len);
      }
    } else {
      // Blanks, comments or odd bytes in the name: mime4j's parser decides, as it always would.
      RawField f = RawFieldParser.DEFAULT.parseField(new ByteArrayBuffer(a, len, false));
      String name = f.getName();
      for (int i = 0; i < name.length(); i++) {
        char ch = name.charAt(i);
        if (ch <= ' ' || ch >= 0x7f || ch == ':') {
          throw new MimeException("MIME field name contains illegal characters: " + name);
        }
      }
      if (isStructural(f.getNameLowerCase()) && descriptor != null) {
        descriptor.addField(f);
      }
      lowerName = Text.lower(Text.decode(a, 0, colon, null).trim());
    }
    // Unfolded as bytes, before decoding: LF, SP and TAB are single bytes in every charset that
    // mail headers use, and a byte loop is cheaper than one over the decoded characters.
    int end = unfold(a, colon + 1, len);
    // The value's bytes are kept, to be decoded only if a rule reads them (Headers.addRaw).
    int length = end - colon - 1;
    if (arenaUsed + length > arena.length) {
      // Values already kept still point at the old array, which nothing writes any more.
      arena = new byte[Math.max(arena.length * 2, length)];
      arenaUsed = 0;
    }
    System.arraycopy(a, colon + 1, arena, arenaUsed, length);
    target.addRaw(lowerName, arena, arenaUsed, length);
    arenaUsed += length;
    // mime4j has no field to see: the part's description is built as the fields come.
    return null;
  }

  @Override
  public RecycledByteArrayBuffer getRaw() {
    return buf;
  }

  @Override
  public void release() {
    buf.release();
  }

  /**
   * Unfolds a field value (RFC 5322 section 2.2.3) in place in bytes {@code [from, to)} and returns
   * the new end: a line break before a blank becomes a space, other breaks go, and tabs become
   * spaces unless one precedes them. A value on one line is left as it is. The output never runs
   * ahead of the input, so one array serves for both.
   */
  static int unfold(byte[] b, int from, int to) {
    if (Bytes.indexOf(b, from, to, (byte) '\n') < 0) {
      return to;
    }
    int j = from;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '\n') {
        if (i + 1 < to && (b[i + 1] == ' ' || b[i + 1] == '\t')) {
          b[j++] = ' ';
        }
      } else if (c != '\t' || j == from || b[j - 1] != ' ') {
        b[j++] = c == '\t' ? (byte) ' ' : c;
      }
    }
    return j;
  }

  /** The fields that mime4j's body descriptor reads (FallbackBodyDescriptorBuilder). */
  private static boolean isStructural(String lowerName) {
    return lowerName.length() >= 12
        && lowerName.startsWith("content-")
        && (lowerName.equals("content-type")
            || lowerName.equals("content-transfer-encoding")
            || lowerName.equals("content-length"));
  }

  /** Bytes {@code [0, n)}, all printable ASCII, in lower case. */
  private static String lowerAscii(byte[] a, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      byte c = a[i];
      b[i] = c >= 'A' && c <= 'Z' ? (byte) (c + ('a' - 'A')) : c;
    }
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
