package org.backstop.mail;

import java.util.Arrays;

/**
 * The lines of a stretch of text, each copied out, trimmed and searched for its first address at
 * most once. The text scan ({@link TextRecipients}) reads the same few lines again for every
 * address it finds near them (a report names each recipient, then repeats them): these lines are
 * made once instead of at each reading.
 */
final class TextLines {
  private final String text;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private final int size;
  private final String[] raw;
  private final String[] trimmed;
  private final String[] first;

  /** Marks a line whose first address was looked for and is absent. */
  private static final String NONE = new String("");

  TextLines(String text, int from, int to) {
    this.text = text;
    int n = 0;
    int pos = from;
    while (pos < to) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0 || eol > to) {
        eol = to;
      }
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
        ends = Arrays.copyOf(ends, n * 2);
      }
      starts[n] = pos;
      ends[n] = eol;
      n++;
      pos = eol + 1;
    }
    size = n;
    raw = new String[n];
    trimmed = new String[n];
    first = new String[n];
  }

  int size() {
    return size;
  }

  int start(int k) {
    return starts[k];
  }

  int end(int k) {
    return ends[k];
  }

  /** Line {@code k} as written, without its line break. */
  String line(int k) {
    String s = raw[k];
    if (s == null) {
      s = text.substring(starts[k], ends[k]);
      raw[k] = s;
    }
    return s;
  }

  /** Line {@code k}, trimmed. */
  String trimmed(int k) {
    String s = trimmed[k];
    if (s == null) {
      s = line(k).trim();
      trimmed[k] = s;
    }
    return s;
  }

  /** {@link Addresses#first} of line {@code k}. */
  String firstAddress(int k) {
    String s = first[k];
    if (s == null) {
      String a = Addresses.first(line(k));
      s = a == null ? NONE : a;
      first[k] = s;
    }
    return s == NONE ? null : s;
  }

  /** Whether line {@code k} holds nothing but white space ({@link String#isBlank}). */
  boolean isBlank(int k) {
    return line(k).isBlank();
  }
}
