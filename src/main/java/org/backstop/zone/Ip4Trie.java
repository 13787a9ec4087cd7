package org.backstop.zone;

import java.util.Arrays;
import java.util.function.Consumer;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * rbldnsd's {@code ip4trie}: IPv4 CIDR networks with values, answered by longest-prefix match. One
 * sorted int array per prefix length in use; a query tries the lengths from longest to shortest,
 * which is at most 33 binary searches and usually one or two. The first entry given for a network
 * wins (rbldnsd warns "duplicated entry" and keeps the first); an exclusion that is the longest
 * match means "not listed".
 */
public final class Ip4Trie extends ValuedDataset {
  private final int[] prefixes; // descending
  private final SortedInts[] keys;
  private final CompactInts[] vals;

  private Ip4Trie(
      int ttl, int[] prefixes, SortedInts[] keys, CompactInts[] vals, Value[] table, Value dv) {
    super(ttl, table, dv);
    this.prefixes = prefixes;
    this.keys = keys;
    this.vals = vals;
  }

  @Override
  public DatasetType type() {
    return DatasetType.IP4TRIE;
  }

  @Override
  public void query(String name, Answers out) {
    long q = ReverseNames.v4(name);
    if (q >= 0) {
      lookup((int) q, out);
    }
  }

  /** Adds the value of the longest matching network; true when listed. */
  public boolean lookup(int addr, Answers out) {
    for (int l = 0; l < prefixes.length; l++) {
      int p = prefixes[l];
      int masked = p == 0 ? 0 : addr & (0xFFFF_FFFF << (32 - p));
      SortedInts k = keys[l];
      int i = k.lowerBound(masked);
      if (k.keyAt(i, masked)) {
        return answer(vals[l].get(i), out);
      }
    }
    return false;
  }

  @Override
  public long size() {
    long n = 0;
    for (SortedInts k : keys) {
      n += k.size();
    }
    return n;
  }

  @Override
  public void forEach(Consumer<Entry> visitor) {
    for (int l = prefixes.length - 1; l >= 0; l--) {
      for (int i = 0; i < keys[l].size(); i++) {
        Cidr c = new Cidr(IpAddress.ofV4(keys[l].get(i)), prefixes[l]);
        visitor.accept(entry(c, null, false, vals[l].get(i)));
      }
    }
  }

  @Override
  public long memoryBytes() {
    long n = 0;
    for (int l = 0; l < keys.length; l++) {
      n += 32 + keys[l].bytes() + vals[l].bytes();
    }
    return n;
  }

  /** Sorts longs as unsigned numbers (keys are unsigned addresses in the high 32 bits). */
  static void sortUnsigned(long[] a, int n) {
    for (int i = 0; i < n; i++) {
      a[i] ^= Long.MIN_VALUE;
    }
    Arrays.sort(a, 0, n);
    for (int i = 0; i < n; i++) {
      a[i] ^= Long.MIN_VALUE;
    }
  }

  static void sortUnsigned(long[] a) {
    sortUnsigned(a, a.length);
  }

  /** Collects networks in order; the first one given for a network wins. */
  static final class Builder {
    private final ValueTable values = new ValueTable();
    private int ttl;
    private Value defaultValue = Value.DEFAULT;
    private long[] packed = new long[16]; // key << 32 | sequence
    private byte[] prefix = new byte[16];
    private int[] vi = new int[16];
    private int n;

    Builder(int ttl) {
      this.ttl = ttl;
    }

    void ttl(int seconds) {
      ttl = seconds;
    }

    void defaultValue(Value v) {
      defaultValue = v;
    }

    long size() {
      return n;
    }

    /** Adds a network given as its first address and prefix length; value null excludes it. */
    void add(int network, int len, Value v) {
      if (n == packed.length) {
        int cap = n * 2;
        packed = Arrays.copyOf(packed, cap);
        prefix = Arrays.copyOf(prefix, cap);
        vi = Arrays.copyOf(vi, cap);
      }
      int masked = len == 0 ? 0 : network & (0xFFFF_FFFF << (32 - len));
      packed[n] = ((masked & 0xFFFF_FFFFL) << 32) | n;
      prefix[n] = (byte) len;
      vi[n] = values.intern(v);
      n++;
    }

    Ip4Trie build() {
      int[] perPrefix = new int[33];
      for (int i = 0; i < n; i++) {
        perPrefix[prefix[i]]++;
      }
      int levels = 0;
      for (int c : perPrefix) {
        levels += c > 0 ? 1 : 0;
      }
      int[] prefixes = new int[levels];
      SortedInts[] keys = new SortedInts[levels];
      CompactInts[] vals = new CompactInts[levels];
      long[][] buckets = new long[33][];
      int[] fill = new int[33];
      for (int p = 0; p <= 32; p++) {
        buckets[p] = new long[perPrefix[p]];
      }
      for (int i = 0; i < n; i++) {
        buckets[prefix[i]][fill[prefix[i]]++] = packed[i];
      }
      packed = null;
      int l = 0;
      for (int p = 32; p >= 0; p--) {
        if (perPrefix[p] == 0) {
          continue;
        }
        long[] b = buckets[p];
        buckets[p] = null;
        sortUnsigned(b);
        int[] k = new int[b.length];
        int[] v = new int[b.length];
        int m = 0;
        for (int i = 0; i < b.length; i++) {
          int key = (int) (b[i] >>> 32);
          if (m > 0 && k[m - 1] == key) {
            continue; // duplicated entry: the first given wins
          }
          k[m] = key;
          v[m] = vi[(int) b[i]];
          m++;
        }
        prefixes[l] = p;
        keys[l] = new SortedInts(k, m);
        vals[l] = CompactInts.of(v, m);
        l++;
      }
      return new Ip4Trie(ttl, prefixes, keys, vals, values.toArray(), defaultValue);
    }
  }
}
