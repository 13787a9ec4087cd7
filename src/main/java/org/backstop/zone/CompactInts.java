package org.backstop.zone;

/**
 * An immutable array of small non-negative ints stored in 1, 2 or 4 bytes each, whichever the
 * largest value needs: value indexes are usually tiny, and this is what keeps an entry with its own
 * value within 8 bytes.
 */
final class CompactInts {
  private final byte[] b;
  private final short[] s;
  private final int[] i;

  private CompactInts(byte[] b, short[] s, int[] i) {
    this.b = b;
    this.s = s;
    this.i = i;
  }

  /** Copies {@code values[0, n)}. */
  static CompactInts of(int[] values, int n) {
    int max = 0;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, values[k]);
    }
    if (max < 256) {
      byte[] b = new byte[n];
      for (int k = 0; k < n; k++) {
        b[k] = (byte) values[k];
      }
      return new CompactInts(b, null, null);
    }
    if (max < 65536) {
      short[] s = new short[n];
      for (int k = 0; k < n; k++) {
        s[k] = (short) values[k];
      }
      return new CompactInts(null, s, null);
    }
    return new CompactInts(null, null, java.util.Arrays.copyOf(values, n));
  }

  int get(int k) {
    if (b != null) {
      return b[k] & 0xFF;
    }
    if (s != null) {
      return s[k] & 0xFFFF;
    }
    return i[k];
  }

  long bytes() {
    return b != null ? b.length : s != null ? 2L * s.length : 4L * i.length;
  }
}
