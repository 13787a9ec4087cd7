package org.backstop.zone;

import java.util.Arrays;
import java.util.function.Consumer;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * rbldnsd's {@code ip4set} and {@code ip4tset}: IPv4 entries kept at the four octet boundaries
 * (/32, /24, /16, /8) in sorted int arrays. A query tries /32 first, then /24, /16 and /8; the
 * first level with the address decides: an exclusion there means "not listed", otherwise every
 * value stored for that address is answered, as rbldnsd does.
 *
 * <p>Memory: 4 bytes per entry for the address, plus 0 bytes for a set where every entry uses the
 * default value ({@code ip4tset}) or 1 to 4 bytes for a value index.
 */
public final class Ip4Set extends ValuedDataset {
  static final int[] PREFIX = {32, 24, 16, 8};
  private final DatasetType type;
  private final SortedInts[] keys;
  private final CompactInts[] vals;

  Ip4Set(
      DatasetType type,
      int ttl,
      SortedInts[] keys,
      CompactInts[] vals,
      Value[] table,
      Value defaultValue) {
    super(ttl, table, defaultValue);
    this.type = type;
    this.keys = keys;
    this.vals = vals;
  }

  @Override
  public DatasetType type() {
    return type;
  }

  @Override
  public void query(String name, Answers out) {
    long q = ReverseNames.v4(name);
    if (q >= 0) {
      lookup((int) q, out);
    }
  }

  /** Adds the values for one address; true when the address is listed. */
  public boolean lookup(int addr, Answers out) {
    for (int level = 0; level < 4; level++) {
      SortedInts k = keys[level];
      if (k.size() == 0) {
        continue;
      }
      int masked = level == 0 ? addr : addr & (0xFFFF_FFFF << (32 - PREFIX[level]));
      int i = k.lowerBound(masked);
      if (k.keyAt(i, masked)) {
        CompactInts v = vals[level];
        if (v == null) {
          out.add(table[1], null, ttl);
          return true;
        }
        if (v.get(i) == ValueTable.EXCLUDED) {
          return false;
        }
        for (; k.keyAt(i, masked); i++) {
          out.add(table[v.get(i)], null, ttl);
        }
        return true;
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
    for (int level = 3; level >= 0; level--) {
      SortedInts k = keys[level];
      for (int i = 0; i < k.size(); i++) {
        Cidr c = new Cidr(IpAddress.ofV4(k.get(i)), PREFIX[level]);
        visitor.accept(entry(c, null, false, vals[level] == null ? 1 : vals[level].get(i)));
      }
    }
  }

  @Override
  public long memoryBytes() {
    long n = 0;
    for (int level = 0; level < 4; level++) {
      n += 16 + keys[level].bytes() + (vals[level] == null ? 0 : vals[level].bytes());
    }
    return n;
  }

  /** Collects entries; each range is split at octet boundaries as rbldnsd's ip4set does. */
  static final class Builder {
    private final DatasetType type;
    private final ValueTable values = new ValueTable();
    private final long[][] packed = new long[4][];
    private final int[] count = new int[4];
    private int ttl;
    private Value defaultValue = Value.DEFAULT;
    private boolean excluding;

    Builder(DatasetType type, int ttl) {
      this.type = type;
      this.ttl = ttl;
      for (int l = 0; l < 4; l++) {
        packed[l] = new long[16];
      }
    }

    void ttl(int seconds) {
      ttl = seconds;
    }

    void defaultValue(Value v) {
      defaultValue = v;
    }

    /** Adds the inclusive range [first, last] (unsigned) with a value, or null to exclude it. */
    void addRange(long first, long last, Value v) {
      int vi = values.intern(v);
      excluding |= v == null;
      long a = first;
      while (a <= last) {
        // the largest aligned block starting at a that fits in [a, last]
        int size = a == 0 ? 32 : Long.numberOfTrailingZeros(a);
        size = Math.min(size, 32);
        while (size > 0 && a + (1L << size) - 1 > last) {
          size--;
        }
        int prefix = 32 - size;
        int level = prefix > 24 ? 0 : prefix > 16 ? 1 : prefix > 8 ? 2 : 3;
        int stored = PREFIX[level];
        long step = 1L << (32 - stored);
        long end = a + (1L << size);
        for (long x = a; x < end; x += step) {
          add(level, (int) x, vi);
        }
        a = end;
      }
    }

    private void add(int level, int key, int vi) {
      if (count[level] == packed[level].length) {
        packed[level] = Arrays.copyOf(packed[level], count[level] * 2);
      }
      packed[level][count[level]++] = ((key & 0xFFFF_FFFFL) << 32) | vi;
    }

    long size() {
      return (long) count[0] + count[1] + count[2] + count[3];
    }

    Ip4Set build() {
      Value[] table = values.toArray();
      SortedInts[] keys = new SortedInts[4];
      CompactInts[] vals = new CompactInts[4];
      boolean uniform = table.length <= 2 && !excluding;
      for (int l = 0; l < 4; l++) {
        long[] p = packed[l];
        int n = count[l];
        Ip4Trie.sortUnsigned(p, n);
        int[] k = new int[n];
        int[] v = uniform ? null : new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
          if (i > 0 && p[i] == p[i - 1]) {
            continue; // the same address with the same value twice
          }
          k[m] = (int) (p[i] >>> 32);
          if (v != null) {
            v[m] = (int) p[i];
          }
          m++;
        }
        packed[l] = null;
        keys[l] = new SortedInts(k, m);
        vals[l] = v == null ? null : CompactInts.of(v, m);
      }
      Value dv = table.length == 2 && type == DatasetType.IP4TSET ? table[1] : defaultValue;
      return new Ip4Set(type, ttl, keys, vals, table, dv);
    }
  }
}
