package org.backstop.mail;

import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * An ordered list of header fields (RFC 5322 section 2.2) with names in lower case and values
 * unfolded. Also used for the header-like field groups of RFC 3464 and RFC 5965 reports.
 */
final class Headers {
  static final Headers EMPTY = new Headers(new String[0], new String[0], new int[0], 0, null);

  private final String[] names;

  /**
   * The values; null where a value is still raw bytes, until first asked for (see {@link #raw}).
   */
  private final String[] values;

  /**
   * Each name's {@link String#hashCode}: a look-up compares these first, so it does not call {@code
   * equals} on every field of a long header (C1 does not make that call cheap).
   */
  private final int[] hashes;

  private final int size;

  /**
   * The undecoded values of a message's own header fields, or null (see {@link Builder#addRaw}).
   */
  private final Raw raw;

  private Headers(String[] names, String[] values, int[] hashes, int size, Raw raw) {
    this.names = names;
    this.values = values;
    this.hashes = hashes;
    this.size = size;
    this.raw = raw;
  }

  /** Where each raw value lies: in which byte array, from where, how long. */
  private static final class Raw {
    byte[][] bytes;
    int[] from;
    int[] length;

    Raw(int capacity) {
      bytes = new byte[capacity][];
      from = new int[capacity];
      length = new int[capacity];
    }

    void grow(int capacity) {
      bytes = java.util.Arrays.copyOf(bytes, capacity);
      from = java.util.Arrays.copyOf(from, capacity);
      length = java.util.Arrays.copyOf(length, capacity);
    }
  }

  /** Collects fields one by one; the builder keeps order and duplicates. */
  static final class Builder {
    private String[] names = new String[16];
    private String[] values = new String[16];
    private int[] hashes = new int[16];
    private int size;
    private Raw raw;

    Builder add(String name, String value) {
      return addLowerCase(Text.lower(name.trim()), value);
    }

    /** As {@link #add}, for a name already trimmed and in lower case. */
    Builder addLowerCase(String lowerName, String value) {
      int i = next(lowerName);
      values[i] = value.trim();
      return this;
    }

    /**
     * A field whose value is the bytes {@code [from, from + length)} of {@code bytes} (unfolded,
     * not decoded): decoded as {@link Text#decodeTrimmed} only when a rule asks for it. Most of a
     * message's header fields (its own Received chain, signatures, X- fields) are never read, and
     * decoding each of them cost more than keeping its bytes. The bytes must not change later.
     */
    Builder addRaw(String lowerName, byte[] bytes, int from, int length) {
      int i = next(lowerName);
      if (raw == null) {
        raw = new Raw(names.length);
      }
      raw.bytes[i] = bytes;
      raw.from[i] = from;
      raw.length[i] = length;
      return this;
    }

    private int next(String lowerName) {
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
        hashes = java.util.Arrays.copyOf(hashes, size * 2);
      }
      if (raw != null && raw.bytes.length < names.length) {
        raw.grow(names.length);
      }
      names[size] = lowerName;
      values[size] = null;
      hashes[size] = lowerName.hashCode();
      return size++;
    }

    int size() {
      return size;
    }

    /** The fields so far; the builder may go on, and what it adds later is not in them. */
    Headers build() {
      return size == 0 ? EMPTY : new Headers(names, values, hashes, size, raw);
    }
  }

  /** The result of reading a header block out of text: the fields and where the block ended. */
  record Block(Headers headers, int end) {}

  /**
   * Reads header fields from {@code text} starting at {@code from} up to the first blank line or
   * the first line that is neither a field nor a continuation. Lenient: never throws.
   */
  static Block parse(String text, int from, int maxFields) {
    Builder b = new Builder();
    int end =
        scan(
            text,
            from,
            maxFields,
            (nameFrom, nameTo, valueFrom, valueTo, foldedTo) ->
                b.addLowerCase(
                    lowerName(text, nameFrom, nameTo), value(text, valueFrom, valueTo, foldedTo)));
    return new Block(b.build(), end);
  }

  /** Receives each field that {@link #scan} finds, as ranges of the text. */
  interface FieldSink {
    /**
     * A field: its name {@code [nameFrom, nameTo)}, its value's first line {@code [valueFrom,
     * valueTo)} and the end of its last continuation line, {@code foldedTo} ({@code valueTo} when
     * the value is one line).
     */
    void field(int nameFrom, int nameTo, int valueFrom, int valueTo, int foldedTo);
  }

  /**
   * Finds the header fields in {@code text} from {@code from}, up to the first blank line or the
   * first line that is neither a field nor a continuation, at most {@code maxFields} of them (one
   * more may end the block), and returns where the block ended. {@link #parse} builds the fields;
   * other readers only look at their names.
   */
  static int scan(String text, int from, int maxFields, FieldSink sink) {
    int pos = from;
    int n = text.length();
    int fields = 0;
    // The pending field, reported once the next line shows that it has ended.
    int nameFrom = -1;
    int nameTo = -1;
    int valueFrom = -1;
    int valueTo = -1;
    int foldedTo = -1;
    while (pos < n && fields < maxFields) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      if (eol == pos) {
        pos = eol + 1;
        break;
      }
      char c = text.charAt(pos);
      if ((c == ' ' || c == '\t') && nameFrom >= 0) {
        foldedTo = eol;
        pos = eol + 1;
        continue;
      }
      int colon = fieldColon(text, pos, eol);
      if (colon < 0) {
        if (nameFrom < 0 && (c == ' ' || c == '\t') && text.substring(pos, eol).isBlank()) {
          pos = eol + 1;
        }
        break;
      }
      if (nameFrom >= 0) {
        sink.field(nameFrom, nameTo, valueFrom, valueTo, foldedTo);
        fields++;
      }
      nameFrom = pos;
      nameTo = colon;
      valueFrom = colon + 1;
      valueTo = eol;
      foldedTo = eol;
      pos = eol + 1;
    }
    if (nameFrom >= 0) {
      sink.field(nameFrom, nameTo, valueFrom, valueTo, foldedTo);
    }
    return Math.min(pos, n);
  }

  /**
   * A value unfolded (RFC 5322 section 2.2.3): its first line, then each continuation line without
   * its leading blanks, after one space. Most values are one line, and one substring.
   */
  private static String value(String text, int valueFrom, int valueTo, int foldedTo) {
    if (foldedTo == valueTo) {
      return text.substring(valueFrom, valueTo);
    }
    StringBuilder b = new StringBuilder(foldedTo - valueFrom + 16).append(text, valueFrom, valueTo);
    int pos = valueTo + 1;
    while (pos <= foldedTo) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0 || eol > foldedTo) {
        eol = foldedTo;
      }
      int s = pos;
      while (s < eol && (text.charAt(s) == ' ' || text.charAt(s) == '\t')) {
        s++;
      }
      b.append(' ').append(text, s, eol);
      pos = eol + 1;
    }
    return b.toString();
  }

  /**
   * {@code Text.lower(text.substring(from, to))} for a field name, whose characters {@link
   * #fieldColon} has checked are printable ASCII: one copy instead of three.
   */
  private static String lowerName(String text, int from, int to) {
    int i = from;
    while (i < to && (text.charAt(i) < 'A' || text.charAt(i) > 'Z')) {
      i++;
    }
    if (i == to) {
      return text.substring(from, to);
    }
    byte[] b = new byte[to - from];
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      b[k - from] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The index of the colon ending a field name on this line, or -1 (RFC 5322 ftext). */
  static int fieldColon(String text, int pos, int eol) {
    int limit = Math.min(eol, pos + 77);
    for (int i = pos; i < limit; i++) {
      char c = text.charAt(i);
      if (c == ':') {
        return i > pos ? i : -1;
      }
      if (c <= ' ' || c > '~') {
        return -1;
      }
    }
    return -1;
  }

  int size() {
    return size;
  }

  String name(int i) {
    return names[checked(i)];
  }

  String value(int i) {
    return valueAt(checked(i));
  }

  /** Value {@code i}, decoded now if it was kept raw. */
  private String valueAt(int i) {
    String v = values[i];
    if (v == null) {
      v = Text.decodeTrimmed(raw.bytes[i], raw.from[i], raw.length[i]);
      values[i] = v;
    }
    return v;
  }

  private int checked(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return i;
  }

  /** The index of the first field of that name (in lower case) at or after {@code from}, or -1. */
  private int find(String lowerName, int from) {
    int h = lowerName.hashCode();
    for (int i = from; i < size; i++) {
      if (hashes[i] == h && names[i].equals(lowerName)) {
        return i;
      }
    }
    return -1;
  }

  /** The first value of the field (name in lower case), or null. */
  String get(String lowerName) {
    int i = find(lowerName, 0);
    return i < 0 ? null : valueAt(i);
  }

  /** The first value of the field with RFC 2047 encoded words decoded, or null. */
  String decoded(String lowerName) {
    return decode(get(lowerName));
  }

  /** Every value of the field, in order. */
  List<String> all(String lowerName) {
    List<String> out = new ArrayList<>(2);
    for (int i = find(lowerName, 0); i >= 0; i = find(lowerName, i + 1)) {
      out.add(valueAt(i));
    }
    return out;
  }

  boolean has(String lowerName) {
    return find(lowerName, 0) >= 0;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The longest start of a header value whose encoded words (RFC 2047) are decoded. */
  static final int MAX_DECODED = 64 * 1024;

  /**
   * Decodes RFC 2047 encoded words; a malformed word is left as written. mime4j takes about a
   * microsecond an encoded word, so a value of megabytes of them (a hostile Subject) is decoded in
   * its first {@link #MAX_DECODED} characters, as far as any rule reads, and the rest kept as it
   * is.
   */
  static String decode(String v) {
    if (v == null || v.indexOf("=?") < 0) {
      return v;
    }
    String head = v.length() > MAX_DECODED ? v.substring(0, MAX_DECODED) : v;
    try {
      String decoded = DecoderUtil.decodeEncodedWords(head, DecodeMonitor.SILENT);
      return head == v ? decoded : decoded + v.substring(MAX_DECODED);
    } catch (RuntimeException e) {
      return v;
    }
  }
}
