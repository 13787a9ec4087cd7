package org.backstop.zone;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * A sorted array of unsigned 32-bit keys kept outside the Java heap, exactly as large as its
 * contents. Off-heap because a million-entry zone should cost the process its 4 MB of keys and no
 * more: on the heap the same array also keeps the collector's headroom resident after every reload.
 */
final class SortedInts {
  static final SortedInts EMPTY = new SortedInts(new int[0], 0);
  private final IntBuffer keys;
  private final int size;

  /** Copies {@code a[0, n)}, which must be sorted as unsigned ints. */
  SortedInts(int[] a, int n) {
    this.size = n;
    this.keys =
        ByteBuffer.allocateDirect(Math.max(4, n * 4)).order(ByteOrder.nativeOrder()).asIntBuffer();
    keys.put(a, 0, n);
    keys.clear();
  }

  int size() {
    return size;
  }

  int get(int i) {
    return keys.get(i);
  }

  /** First index whose key is at least {@code key} (unsigned). */
  int lowerBound(int key) {
    int lo = 0;
    int hi = size;
    IntBuffer k = keys;
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
    return 4L * size;
  }
}
