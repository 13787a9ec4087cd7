package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans answer exactly what a byte-by-byte loop answers, at every offset. */
class BytesTest {
  private static int naiveIndexOf(byte[] a, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void indexOfFindsTheFirstMatchAtEveryOffsetAndLength() {
    Random r = new Random(7);
    for (int round = 0; round < 2000; round++) {
      byte[] a = new byte[r.nextInt(40)];
      for (int i = 0; i < a.length; i++) {
        // A small alphabet, with 8-bit bytes, so matches are frequent and next to each other.
        a[i] = (byte) (r.nextBoolean() ? 'a' + r.nextInt(3) : 0x7e + r.nextInt(4));
      }
      int from = a.length == 0 ? 0 : r.nextInt(a.length + 1);
      int to = from + r.nextInt(a.length - from + 1);
      for (byte b : new byte[] {'a', 'b', (byte) 0x80, (byte) 0x7f, 0}) {
        assertThat(Bytes.indexOf(a, from, to, b)).isEqualTo(naiveIndexOf(a, from, to, b));
      }
    }
  }

  @Test
  void highBytesAreFoundAnywhereInTheRange() {
    byte[] a = new byte[19];
    assertThat(Bytes.hasHighBytes(a, 0, a.length)).isFalse();
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) 0x80;
      assertThat(Bytes.hasHighBytes(a, 0, a.length)).isTrue();
      assertThat(Bytes.hasHighBytes(a, 0, i)).isFalse();
      assertThat(Bytes.hasHighBytes(a, i + 1, a.length)).isFalse();
      a[i] = 0x7f;
    }
  }
}
