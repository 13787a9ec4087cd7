package org.backstop.zone;

import java.util.Arrays;
import java.util.function.Consumer;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * rbldnsd's {@code ip6trie}: IPv6 networks with values, answered by longest-prefix match. Like
 * {@link Ip4Trie}, one sorted array pair (high and low 64 bits) per prefix length in use; networks
 * of /64 or shorter store no low half. The first entry given for a network wins.
 */
public final class Ip6Trie extends ValuedDataset {
  private final int[] prefixes; // descending
  private final long[][] his;
  private final long[][] los; // null entries for prefixes <= 64
  private final CompactInts[] vals;

  private Ip6Trie(
      int ttl,
      int[] prefixes,
      long[][] his,
      long[][] los,
      CompactInts[] vals,
      Value[] table,
      Value dv) {
    super(ttl, table, dv);
    this.prefixes = prefixes;
    this.his = his;
    this.los = los;
    this.vals = vals;
  }

  @Override
  public DatasetType type() {
    return DatasetType.IP6TRIE;
  }

  @Override
  public void query(String name, Answers out) {
    long[] q = new long[2];
    if (ReverseNames.v6(name, q)) {
      lookup(q[0], q[1], out);
    }
  }

  /** Adds the value of the longest matching network; true when listed. */
  public boolean lookup(long hi, long lo, Answers out) {
    for (int l = 0; l < prefixes.length; l++) {
      int p = prefixes[l];
      long mh = hi & Masks.hi(p);
      long ml = lo & Masks.lo(p);
      int i = find(his[l], los[l], mh, ml);
      if (i >= 0) {
        return answer(vals[l].get(i), out);
      }
    }
    return false;
  }

  private static int find(long[] h, long[] lo, long kh, long kl) {
    int a = 0;
    int b = h.length;
    while (a < b) {
      int mid = (a + b) >>> 1;
      int c = Long.compareUnsigned(h[mid], kh);
      if (c == 0 && lo != null) {
        c = Long.compareUnsigned(lo[mid], kl);
      }
      if (c < 0) {
        a = mid + 1;
      } else if (c > 0) {
        b = mid;
      } else {
        return mid;
      }
    }
    return -1;
  }

  @Override
  public long size() {
    long n = 0;
    for (long[] h : his) {
      n += h.length;
    }
    return n;
  }

  @Override
  public void forEach(Consumer<Entry> visitor) {
    for (int l = prefixes.length - 1; l >= 0; l--) {
      for (int i = 0; i < his[l].length; i++) {
        IpAddress a = IpAddress.ofV6(his[l][i], los[l] == null ? 0 : los[l][i]);
        visitor.accept(entry(new Cidr(a, prefixes[l]), null, false, vals[l].get(i)));
      }
    }
  }

  @Override
  public long memoryBytes() {
    long n = 0;
    for (int l = 0; l < his.length; l++) {
      n += 48 + 8L * his[l].length + (los[l] == null ? 0 : 8L * los[l].length) + vals[l].bytes();
    }
    return n;
  }

  /** Collects networks in order; the first one given for a network wins. */
  static final class Builder {
    private final ValueTable values = new ValueTable();
    private int ttl;
    private Value defaultValue = Value.DEFAULT;
    private long[] hi = new long[16];
    private long[] lo = new long[16];
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

    void add(long h, long l, int len, Value v) {
      if (n == hi.length) {
        int cap = n * 2;
        hi = Arrays.copyOf(hi, cap);
        lo = Arrays.copyOf(lo, cap);
        prefix = Arrays.copyOf(prefix, cap);
        vi = Arrays.copyOf(vi, cap);
      }
      hi[n] = h & Masks.hi(len);
      lo[n] = l & Masks.lo(len);
      prefix[n] = (byte) len;
      vi[n] = values.intern(v);
      n++;
    }

    Ip6Trie build() {
      int[] perPrefix = new int[129];
      for (int i = 0; i < n; i++) {
        perPrefix[prefix[i] & 0xFF]++;
      }
      int levels = 0;
      for (int c : perPrefix) {
        levels += c > 0 ? 1 : 0;
      }
      int[][] idx = new int[129][];
      int[] fill = new int[129];
      for (int p = 0; p <= 128; p++) {
        idx[p] = new int[perPrefix[p]];
      }
      for (int i = 0; i < n; i++) {
        int p = prefix[i] & 0xFF;
        idx[p][fill[p]++] = i;
      }
      int[] prefixes = new int[levels];
      long[][] his = new long[levels][];
      long[][] los = new long[levels][];
      CompactInts[] vals = new CompactInts[levels];
      int l = 0;
      for (int p = 128; p >= 0; p--) {
        int[] ix = idx[p];
        if (ix.length == 0) {
          continue;
        }
        IndexSort.sort(ix, (a, b) -> compare(a, b));
        long[] h = new long[ix.length];
        long[] lw = p > 64 ? new long[ix.length] : null;
        int[] v = new int[ix.length];
        int m = 0;
        for (int i : ix) {
          if (m > 0 && h[m - 1] == hi[i] && (lw == null || lw[m - 1] == lo[i])) {
            continue; // duplicated entry: the first given wins
          }
          h[m] = hi[i];
          if (lw != null) {
            lw[m] = lo[i];
          }
          v[m] = vi[i];
          m++;
        }
        prefixes[l] = p;
        his[l] = Arrays.copyOf(h, m);
        los[l] = lw == null ? null : Arrays.copyOf(lw, m);
        vals[l] = CompactInts.of(v, m);
        l++;
      }
      return new Ip6Trie(ttl, prefixes, his, los, vals, values.toArray(), defaultValue);
    }

    private int compare(int a, int b) {
      int c = Long.compareUnsigned(hi[a], hi[b]);
      if (c == 0) {
        c = Long.compareUnsigned(lo[a], lo[b]);
      }
      return c != 0 ? c : Integer.compare(a, b);
    }
  }
}
