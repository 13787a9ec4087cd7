package org.backstop.zone;

/**
 * Sorts an int array of indexes with a primitive comparator, so building a million-entry dataset
 * needs no boxed Integer per entry.
 */
final class IndexSort {
  private IndexSort() {}

  /** Compares two indexes. */
  interface Comparator {
    int compare(int a, int b);
  }

  static void sort(int[] a, Comparator c) {
    sort(a, 0, a.length - 1, c);
  }

  private static void sort(int[] a, int lo, int hi, Comparator c) {
    while (hi - lo > 16) {
      int mid = (lo + hi) >>> 1;
      // median of three as pivot
      if (c.compare(a[mid], a[lo]) < 0) {
        swap(a, mid, lo);
      }
      if (c.compare(a[hi], a[lo]) < 0) {
        swap(a, hi, lo);
      }
      if (c.compare(a[hi], a[mid]) < 0) {
        swap(a, hi, mid);
      }
      int pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (c.compare(a[i], pivot) < 0) {
          i++;
        }
        while (c.compare(a[j], pivot) > 0) {
          j--;
        }
        if (i <= j) {
          swap(a, i++, j--);
        }
      }
      if (j - lo < hi - i) {
        sort(a, lo, j, c);
        lo = i;
      } else {
        sort(a, i, hi, c);
        hi = j;
      }
    }
    for (int i = lo + 1; i <= hi; i++) {
      int x = a[i];
      int j = i - 1;
      while (j >= lo && c.compare(a[j], x) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
