package org.backstop.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedIntsTest {

  /** The reference: the first key at least {@code key}, unsigned, by a search over longs. */
  private static int referenceLowerBound(long[] unsigned, int key) {
    long k = Integer.toUnsignedLong(key);
    int lo = 0;
    int hi = unsigned.length;
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (unsigned[mid] < k) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int[] sortedUnsigned(int[] a) {
    return Arrays.stream(a)
        .mapToLong(Integer::toUnsignedLong)
        .sorted()
        .mapToInt(l -> (int) l)
        .toArray();
  }

  private static void assertSameAsReference(int[] keys, int[] probes) {
    long[] unsigned = Arrays.stream(keys).mapToLong(Integer::toUnsignedLong).toArray();
    SortedInts s = new SortedInts(keys, keys.length);
    assertThat(s.size()).isEqualTo(keys.length);
    for (int p : probes) {
      int expected = referenceLowerBound(unsigned, p);
      int i = s.lowerBound(p);
      boolean present = expected < keys.length && keys[expected] == p;
      if (i != expected || s.keyAt(i, p) != present) { // assertions only on a mismatch: fast
        assertThat(i).as("lowerBound(%08x)", p).isEqualTo(expected);
        assertThat(s.keyAt(i, p)).as("keyAt(%d, %08x)", i, p).isEqualTo(present);
      }
    }
    for (int i = 0; i < keys.length; i++) {
      if (s.get(i) != keys[i]) {
        assertThat(s.get(i)).as("get(%d)", i).isEqualTo(keys[i]);
      }
    }
  }

  /** Random keys with runs of duplicates, each with probes at, just below and just above it. */
  private static void checkRandomSet(int n, Random r) {
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = i % 7 == 3 && i > 0 ? keys[i - 1] : r.nextInt();
    }
    keys = sortedUnsigned(keys);
    int[] edges = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1, 0xFFFF, 0x10000, r.nextInt()};
    int[] probes = Arrays.copyOf(edges, 3 * n + edges.length);
    int p = edges.length;
    for (int k : keys) {
      probes[p++] = k;
      probes[p++] = k - 1;
      probes[p++] = k + 1;
    }
    assertSameAsReference(keys, probes);
  }

  @Test
  void wideFormFindsTheFirstKeyAtLeastTheProbe() {
    Random r = new Random(7);
    // sizes around the bucket-table thresholds; keys above 2^31 count as large (unsigned)
    for (int n : new int[] {0, 1, 2, 31, 32, 63, 64, 65, 1000, 5000, 100_000}) {
      checkRandomSet(n, r);
    }
  }

  @Test
  void narrowFormFindsTheFirstKeyAtLeastTheProbe() {
    checkRandomSet(SortedInts.NARROW_MIN, new Random(11));
    checkRandomSet(SortedInts.NARROW_MIN + 12_345, new Random(12));
  }

  @Test
  void keysCrowdedIntoOneBucketOrAtTheEnds() {
    for (int n : new int[] {10_000, SortedInts.NARROW_MIN}) {
      int[] low = new int[n];
      int[] high = new int[n];
      for (int i = 0; i < n; i++) {
        low[i] = i; // the first buckets only
        high[i] = -n + i; // 0xFFF.....: the last buckets only
      }
      int[] probes = {0, 1, n - 1, n, n + 1, -1, -n, -n - 1, -n / 2, Integer.MIN_VALUE, 0x1_0000};
      assertSameAsReference(low, probes);
      assertSameAsReference(high, probes);
    }
  }

  @Test
  void aMillionKeysTakeAtMostTwoAndAHalfBytesEach() {
    int n = 1_000_000;
    int[] keys = new int[n];
    Random r = new Random(3);
    for (int i = 0; i < n; i++) {
      keys[i] = r.nextInt();
    }
    assertThat(new SortedInts(sortedUnsigned(keys), n).bytes()).isLessThanOrEqualTo(5L * n / 2);
    // below the narrow threshold: whole keys and a table of at most one int per 32 keys
    int m = SortedInts.NARROW_MIN - 1;
    assertThat(new SortedInts(sortedUnsigned(Arrays.copyOf(keys, m)), m).bytes())
        .isLessThanOrEqualTo(4L * m + 4L * m / 32 + 8);
  }
}
