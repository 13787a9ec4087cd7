package org.backstop.zone;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.IntBuffer;

/**
 * A sorted array of unsigned 32-bit keys kept outside the Java heap. Off-heap because a
 * million-entry zone should cost the process its few megabytes of keys and no more: on the heap the
 * same array also keeps the collector's headroom resident after every reload.
 *
 * <p>Keys are grouped into buckets by their top bits, and a table says where each bucket starts. A
 * search reads that table and then searches only its bucket: one or two cache lines instead of the
 * ten or more that a plain binary search over a million keys misses (with the kernel's network
 * stack evicting the caches between queries, those misses were most of a query's cost).
 *
 * <p>Sets of {@link #NARROW_MIN} keys or more use 2^16 buckets and store only the low 16 bits of
 * each key (the bucket gives the top 16): 2 bytes per key plus a 256 KB table, at most 2.5 bytes
 * per key in all. Smaller sets store whole keys, 4 bytes each, and a table of one int per 32 keys
 * (at most 1/8 byte per key).
 */
final class SortedInts {
  static final SortedInts EMPTY = new SortedInts(new int[0], 0);

  /** From this many keys on, the narrow form (16-bit suffixes, 2^16 buckets) is smaller. */
  static final int NARROW_MIN = 1 << 19;

  /** Keys per bucket of the wide form, at least. */
  private static final int WIDE_KEYS_PER_BUCKET = 32;

  private final int size;

  /** How many top bits of a key choose its bucket (0 to 16). */
  private final int bits;

  /** Whole keys (wide form), or null. */
  private final IntBuffer wide;

  /** The low 16 bits of each key (narrow form, where {@link #bits} is 16), or null. */
  private final CharBuffer narrow;

  /** {@code starts.get(b)}: the index of the first key whose top {@link #bits} are at least b. */
  private final IntBuffer starts;

  /** Copies {@code a[0, n)}, which must be sorted as unsigned ints. */
  SortedInts(int[] a, int n) {
    this.size = n;
    if (n >= NARROW_MIN) {
      this.bits = 16;
      this.wide = null;
      this.narrow = direct(2L * n).asCharBuffer();
      for (int i = 0; i < n; i++) {
        narrow.put(i, (char) a[i]);
      }
    } else {
      int b = 0;
      while (b < 16 && (long) WIDE_KEYS_PER_BUCKET << (b + 1) <= n) {
        b++;
      }
      this.bits = b;
      this.narrow = null;
      this.wide = direct(4L * n).asIntBuffer();
      wide.put(a, 0, n);
      wide.clear();
    }
    int buckets = 1 << bits;
    this.starts = direct(4L * (buckets + 1)).asIntBuffer();
    int i = 0;
    for (int bucket = 0; bucket < buckets; bucket++) {
      while (i < n && bucket(a[i]) < bucket) {
        i++;
      }
      starts.put(bucket, i);
    }
    starts.put(buckets, n);
  }

  private static ByteBuffer direct(long bytes) {
    return ByteBuffer.allocateDirect((int) Math.max(4, bytes)).order(ByteOrder.nativeOrder());
  }

  private int bucket(int key) {
    return bits == 0 ? 0 : key >>> (32 - bits);
  }

  int size() {
    return size;
  }

  /** The key at index {@code i}; in the narrow form this searches the bucket table. */
  int get(int i) {
    if (narrow == null) {
      return wide.get(i);
    }
    // the last bucket starting at or before i (empty buckets share their start with the next)
    int lo = 0;
    int hi = starts.capacity() - 1;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (starts.get(mid) <= i) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo << 16 | narrow.get(i);
  }

  /** True when index {@code i} holds {@code key}: for an {@code i} from {@link #lowerBound}. */
  boolean keyAt(int i, int key) {
    if (narrow == null) {
      return i < size && wide.get(i) == key;
    }
    return i < starts.get((key >>> 16) + 1) && narrow.get(i) == (char) key;
  }

  /** First index whose key is at least {@code key} (unsigned). */
  int lowerBound(int key) {
    int b = bucket(key);
    // keys of lower buckets are all smaller, keys of higher ones all larger
    int lo = starts.get(b);
    int hi = starts.get(b + 1);
    if (narrow != null) {
      char low = (char) key;
      CharBuffer k = narrow;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (k.get(mid) < low) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
    IntBuffer k = wide;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Integer.compareUnsigned(k.get(mid), key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  long bytes() {
    return (narrow != null ? 2L : 4L) * size + 4L * starts.capacity();
  }
}
