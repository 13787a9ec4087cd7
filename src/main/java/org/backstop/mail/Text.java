package org.backstop.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Byte-level helpers for untrusted mail: line-ending normalisation and charset decoding with a
 * guess when the declared charset is missing or wrong (8-bit headers, ISO-2022-JP, Shift_JIS).
 */
final class Text {
  /**
   * The charsets of the guesses, looked up on first use: they live in the JDK's extended charset
   * provider, whose loading costs a run of {@code analyze} on ASCII mail about 30 ms it need not.
   */
  private static final class Charsets {
    static final Charset ISO_2022_JP = lookup("ISO-2022-JP");
    static final Charset SHIFT_JIS = lookup("Shift_JIS");
    static final Charset EUC_JP = lookup("EUC-JP");
    static final Charset WINDOWS_1252 = lookup("windows-1252");
  }

  private Text() {}

  /**
   * Copies at most {@code max} bytes of {@code in}, turning CRLF and bare CR into LF, so every
   * later rule sees one line ending (RFC 5322 says CRLF; real mail says anything).
   */
  static byte[] normalizeLineEndings(byte[] in, int max) {
    int n = Math.min(in.length, max);
    int cr = Bytes.indexOf(in, 0, n, (byte) '\r');
    if (cr < 0) {
      return n == in.length ? in : java.util.Arrays.copyOf(in, n);
    }
    byte[] out = new byte[n];
    int j = 0;
    int i = 0;
    while (cr >= 0) {
      // The bytes up to the CR as they are, then one LF for CR or CRLF.
      System.arraycopy(in, i, out, j, cr - i);
      j += cr - i;
      out[j++] = '\n';
      i = cr + 1 < n && in[cr + 1] == '\n' ? cr + 2 : cr + 1;
      cr = i < n ? Bytes.indexOf(in, i, n, (byte) '\r') : -1;
    }
    System.arraycopy(in, i, out, j, n - i);
    j += n - i;
    return java.util.Arrays.copyOf(out, j);
  }

  /**
   * Where the message starts past a leading mbox "From " envelope line and blank lines, which are
   * not header fields and would otherwise end the header block before it starts.
   */
  static int afterEnvelopeLine(byte[] b) {
    int i = 0;
    while (i < b.length && (b[i] == '\n' || b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    if (i + 5 <= b.length
        && b[i] == 'F'
        && b[i + 1] == 'r'
        && b[i + 2] == 'o'
        && b[i + 3] == 'm'
        && b[i + 4] == ' ') {
      while (i < b.length && b[i] != '\n') {
        i++;
      }
      i++;
    }
    return Math.min(i, b.length);
  }

  /** Decodes bytes with the declared charset when it fits, otherwise with a guess. */
  static String decode(byte[] b, int off, int len, String declared) {
    int esc = asciiScan(b, off, len);
    if (esc >= 0) {
      if (esc > 0 && Charsets.ISO_2022_JP != null) {
        return new String(b, off, len, Charsets.ISO_2022_JP);
      }
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
    Charset cs = declared == null ? null : lookup(declared);
    if (cs != null && !cs.equals(StandardCharsets.US_ASCII)) {
      if (cs.equals(StandardCharsets.UTF_8)) {
        String s = strict(b, off, len, cs);
        if (s != null) {
          return s;
        }
      } else {
        return new String(b, off, len, cs);
      }
    }
    return guess(b, off, len);
  }

  /**
   * {@code decode(b, off, len, null).trim()}, with the blanks and controls at both ends left out
   * before decoding rather than copied and cut after it. In UTF-8, Shift_JIS, EUC-JP and
   * Windows-1252 a byte up to 0x20 is always a character of its own, so leaving it out is what
   * trim() does; text with an ESC (ISO-2022-JP, whose escapes switch character sets) is decoded
   * whole and trimmed.
   */
  static String decodeTrimmed(byte[] b, int off, int len) {
    int esc = asciiScan(b, off, len);
    if (esc > 0) {
      return decode(b, off, len, null).trim();
    }
    int from = off;
    int to = off + len;
    while (from < to && b[from] <= ' ' && b[from] >= 0) {
      from++;
    }
    while (to > from && b[to - 1] <= ' ' && b[to - 1] >= 0) {
      to--;
    }
    return esc == 0
        ? new String(b, from, to - from, StandardCharsets.ISO_8859_1)
        : guess(b, from, to - from).trim();
  }

  /** Decodes 8-bit bytes of unknown charset: UTF-8 if valid, else Japanese, else Windows-1252. */
  static String guess(byte[] b, int off, int len) {
    String s = strict(b, off, len, StandardCharsets.UTF_8);
    if (s != null) {
      return s;
    }
    if (Charsets.SHIFT_JIS != null && looksShiftJis(b, off, len)) {
      s = strict(b, off, len, Charsets.SHIFT_JIS);
      if (s != null) {
        return s;
      }
    }
    if (Charsets.EUC_JP != null) {
      s = strict(b, off, len, Charsets.EUC_JP);
      if (s != null) {
        return s;
      }
    }
    return new String(
        b,
        off,
        len,
        Charsets.WINDOWS_1252 != null ? Charsets.WINDOWS_1252 : StandardCharsets.ISO_8859_1);
  }

  /** -1 when there are 8-bit bytes; else 1 when an ESC (ISO-2022) is present, 0 when not. */
  private static int asciiScan(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    long any = 0;
    long esc = 0;
    // One pass, eight bytes at a time (see Bytes): the high bits seen, and the ESC bytes.
    for (; i + 8 <= end; i += 8) {
      long w = Bytes.word(b, i);
      any |= w;
      esc |= Bytes.zeroBytes(w ^ ESCAPES);
    }
    for (; i < end; i++) {
      any |= b[i];
      esc |= b[i] == 0x1b ? 1 : 0;
    }
    if (Bytes.highBytes(any) != 0 || any < 0) {
      return -1;
    }
    return esc != 0 ? 1 : 0;
  }

  private static final long ESCAPES = Bytes.broadcast(0x1b);

  /** Shift_JIS lead bytes 0x81-0x9F appear often; in UTF-8 or EUC-JP they are rare as leads. */
  private static boolean looksShiftJis(byte[] b, int off, int len) {
    for (int i = off, end = off + len; i < end; i++) {
      int c = b[i] & 0xff;
      if (c >= 0x81 && c <= 0x9f) {
        return true;
      }
    }
    return false;
  }

  private static String strict(byte[] b, int off, int len, Charset cs) {
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The charset of that name, or null when unknown or malformed. */
  static Charset lookup(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.startsWith("\"")) {
      n = n.replace("\"", "");
    }
    try {
      switch (n) {
        case "us-ascii", "ascii", "ansi_x3.4-1968":
          return StandardCharsets.US_ASCII;
        case "utf8", "utf-8":
          return StandardCharsets.UTF_8;
        case "sjis", "x-sjis", "shift-jis", "cp932", "windows-31j":
          return Charset.forName("windows-31j");
        case "iso-8859-1", "latin1":
          return Charset.forName("windows-1252");
        default:
          return Charset.forName(n);
      }
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Collapses every run of whitespace to one space and trims, without a regular expression. */
  static String squash(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Whether {@code s}, trimmed, starts with {@code lowerPrefix} (lower-case ASCII) in any case:
   * what {@code lower(s.trim()).startsWith(lowerPrefix)} answers, without copying the line twice.
   */
  static boolean trimmedStartsWith(String s, String lowerPrefix) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && s.charAt(to - 1) <= ' ') {
      to--;
    }
    return to - from >= lowerPrefix.length()
        && s.regionMatches(true, from, lowerPrefix, 0, lowerPrefix.length());
  }

  /**
   * {@code s.toLowerCase(Locale.ROOT)}, and "" for null; text already in lower case comes back as
   * it is. Hand-written because the analyzer lowers every text it reads and runs mostly as
   * C1-compiled code, where the JDK's method, which looks up each character's Unicode properties,
   * costs twice as much. Latin-1 text is copied out as bytes (an array copy) and lowered in one
   * loop; a byte that is not ASCII, or a '?' that stands for a character beyond Latin-1, sends the
   * text to {@link #lowerChars}.
   */
  static String lower(String s) {
    if (s == null) {
      return "";
    }
    // A character beyond Latin-1 near the start sends the text to the char loop at once: for such
    // text getBytes would be a character-by-character encoding, not an array copy.
    for (int i = 0, n = Math.min(s.length(), 16); i < n; i++) {
      if (s.charAt(i) > 0xff) {
        return lowerChars(s);
      }
    }
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    int n = b.length;
    boolean changed = false;
    int i = 0;
    // Eight ASCII bytes at a time (see Bytes). A '?' may stand for a character beyond Latin-1
    // that getBytes could not write: such a word is checked against the text itself first.
    for (; i + 8 <= n; i += 8) {
      long w = Bytes.word(b, i);
      if (Bytes.highBytes(w) != 0) {
        return lowerChars(s);
      }
      if (Bytes.zeroBytes(w ^ QUESTION_MARKS) != 0) {
        for (int k = i; k < i + 8; k++) {
          if (b[k] == '?' && s.charAt(k) != '?') {
            return lowerChars(s);
          }
        }
      }
      long upper = ((w + ABOVE_AT) ^ (w + ABOVE_Z)) & HIGH_BITS;
      if (upper != 0) {
        Bytes.setWord(b, i, w | upper >>> 2);
        changed = true;
      }
    }
    for (; i < n; i++) {
      byte c = b[i];
      if (c >= 'A' && c <= 'Z') {
        b[i] = (byte) (c + ('a' - 'A'));
        changed = true;
      } else if (c < 0 || c == '?' && s.charAt(i) != '?') {
        return lowerChars(s);
      }
    }
    return changed ? new String(b, StandardCharsets.ISO_8859_1) : s;
  }

  /**
   * Added to each byte of a word of ASCII bytes, these set its high bit when it is at least 'A',
   * and when it is at least 'Z' + 1: a byte is a capital letter when exactly one of the two is set.
   * No byte carries into the next, as each sum stays below 256.
   */
  private static final long ABOVE_AT = Bytes.broadcast(0x80 - 'A');

  private static final long ABOVE_Z = Bytes.broadcast(0x80 - 'Z' - 1);
  private static final long HIGH_BITS = Bytes.broadcast(0x80);
  private static final long QUESTION_MARKS = Bytes.broadcast('?');

  /**
   * {@link #lower} over a copy of the characters: letters without case (CJK, kana) pass through,
   * and a character whose lower case is not itself (Cyrillic capitals, final sigma, surrogate
   * pairs) leaves the work to the JDK, so the result is always exactly the JDK's.
   */
  private static String lowerChars(String s) {
    char[] a = s.toCharArray();
    boolean changed = false;
    for (int i = 0; i < a.length; i++) {
      char c = a[i];
      if (c < 128) {
        if (c >= 'A' && c <= 'Z') {
          a[i] = (char) (c + ('a' - 'A'));
          changed = true;
        }
      } else if (!caseless(c) && (Character.isSurrogate(c) || Character.toLowerCase(c) != c)) {
        return s.toLowerCase(Locale.ROOT);
      }
    }
    return changed ? new String(a) : s;
  }

  /**
   * Characters of scripts without case, where {@link Character#toLowerCase} needs no look-up: CJK
   * symbols, kana, CJK ideographs (U+3000 to U+9FFF) and Hangul syllables. Japanese and Chinese
   * bounces are mostly these; TextTest checks every one of them against the JDK.
   */
  static boolean caseless(char c) {
    return c >= 0x3000 && c <= 0x9fff || c >= 0xac00 && c <= 0xd7a3;
  }
}
