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
  static final Headers EMPTY = new Headers(List.of(), List.of());

  private final List<String> names;
  private final List<String> values;

  private Headers(List<String> names, List<String> values) {
    this.names = names;
    this.values = values;
  }

  /** Collects fields one by one; the builder keeps order and duplicates. */
  static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    Builder add(String name, String value) {
      names.add(Text.lower(name.trim()));
      values.add(value.trim());
      return this;
    }

    /** As {@link #add}, for a name already trimmed and in lower case. */
    Builder addLowerCase(String lowerName, String value) {
      names.add(lowerName);
      values.add(value.trim());
      return this;
    }

    Headers build() {
      return names.isEmpty() ? EMPTY : new Headers(names, values);
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
    int pos = from;
    int n = text.length();
    String name = null;
    StringBuilder value = new StringBuilder();
    while (pos < n && b.names.size() < maxFields) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      if (eol == pos) {
        pos = eol + 1;
        break;
      }
      char c = text.charAt(pos);
      if ((c == ' ' || c == '\t') && name != null) {
        int s = pos;
        while (s < eol && (text.charAt(s) == ' ' || text.charAt(s) == '\t')) {
          s++;
        }
        value.append(' ').append(text, s, eol);
        pos = eol + 1;
        continue;
      }
      int colon = fieldColon(text, pos, eol);
      if (colon < 0) {
        if (name == null && (c == ' ' || c == '\t') && text.substring(pos, eol).isBlank()) {
          pos = eol + 1;
          break;
        }
        break;
      }
      if (name != null) {
        b.add(name, value.toString());
      }
      name = text.substring(pos, colon);
      value.setLength(0);
      value.append(text, colon + 1, eol);
      pos = eol + 1;
    }
    if (name != null) {
      b.add(name, value.toString());
    }
    return new Block(b.build(), Math.min(pos, n));
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
    return names.size();
  }

  String name(int i) {
    return names.get(i);
  }

  String value(int i) {
    return values.get(i);
  }

  /** The first value of the field (name in lower case), or null. */
  String get(String lowerName) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(lowerName)) {
        return values.get(i);
      }
    }
    return null;
  }

  /** The first value of the field with RFC 2047 encoded words decoded, or null. */
  String decoded(String lowerName) {
    return decode(get(lowerName));
  }

  /** Every value of the field, in order. */
  List<String> all(String lowerName) {
    List<String> out = new ArrayList<>(2);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(lowerName)) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  boolean has(String lowerName) {
    return names.contains(lowerName);
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** Decodes RFC 2047 encoded words; a malformed word is left as written. */
  static String decode(String v) {
    if (v == null || v.indexOf("=?") < 0) {
      return v;
    }
    try {
      return DecoderUtil.decodeEncodedWords(v, DecodeMonitor.SILENT);
    } catch (RuntimeException e) {
      return v;
    }
  }
}
