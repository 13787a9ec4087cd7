package org.backstop.zone;

import java.util.Arrays;
import java.util.function.Consumer;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * rbldnsd's {@code ip6tset}: a set of IPv6 /64 networks sharing one value, with single-address
 * (/128) exclusions. 8 bytes per network.
 */
public final class Ip6TSet implements Dataset {
  private final int ttl;
  private final long[] nets;
  private final long[] exHi;
  private final long[] exLo;
  private final Value value;

  private Ip6TSet(int ttl, long[] nets, long[] exHi, long[] exLo, Value value) {
    this.ttl = ttl;
    this.nets = nets;
    this.exHi = exHi;
    this.exLo = exLo;
    this.value = value;
  }

  @Override
  public DatasetType type() {
    return DatasetType.IP6TSET;
  }

  @Override
  public int ttl() {
    return ttl;
  }

  @Override
  public Value defaultValue() {
    return value;
  }

  @Override
  public void query(String name, Answers out) {
    long[] q = new long[2];
    if (ReverseNames.v6(name, q)) {
      lookup(q[0], q[1], out);
    }
  }

  /** Adds the set's value when the /64 is listed and the address not excluded. */
  public boolean lookup(long hi, long lo, Answers out) {
    if (!contains(nets, hi)) {
      return false;
    }
    int a = 0;
    int b = exHi.length;
    while (a < b) {
      int mid = (a + b) >>> 1;
      int c = Long.compareUnsigned(exHi[mid], hi);
      if (c == 0) {
        c = Long.compareUnsigned(exLo[mid], lo);
      }
      if (c == 0) {
        return false;
      }
      if (c < 0) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    out.add(value, null, ttl);
    return true;
  }

  private static boolean contains(long[] a, long key) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compareUnsigned(a[mid], key);
      if (c == 0) {
        return true;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return false;
  }

  @Override
  public long size() {
    return nets.length + exHi.length;
  }

  @Override
  public void forEach(Consumer<Entry> visitor) {
    for (long n : nets) {
      visitor.accept(new Entry(new Cidr(IpAddress.ofV6(n, 0), 64), null, false, false, value));
    }
    for (int i = 0; i < exHi.length; i++) {
      Cidr c = new Cidr(IpAddress.ofV6(exHi[i], exLo[i]), 128);
      visitor.accept(new Entry(c, null, false, true, null));
    }
  }

  @Override
  public long memoryBytes() {
    return 64 + 8L * nets.length + 16L * exHi.length;
  }

  /** Collects /64 networks and /128 exclusions. */
  static final class Builder {
    private int ttl;
    private Value value = Value.DEFAULT;
    private long[] nets = new long[16];
    private int n;
    private long[] exHi = new long[4];
    private long[] exLo = new long[4];
    private int ex;

    Builder(int ttl) {
      this.ttl = ttl;
    }

    void ttl(int seconds) {
      ttl = seconds;
    }

    void defaultValue(Value v) {
      value = v;
    }

    long size() {
      return n + ex;
    }

    void add(long hi64) {
      if (n == nets.length) {
        nets = Arrays.copyOf(nets, n * 2);
      }
      nets[n++] = hi64;
    }

    void exclude(long hi, long lo) {
      if (ex == exHi.length) {
        exHi = Arrays.copyOf(exHi, ex * 2);
        exLo = Arrays.copyOf(exLo, ex * 2);
      }
      exHi[ex] = hi;
      exLo[ex] = lo;
      ex++;
    }

    Ip6TSet build() {
      long[] s = unsignedSortedUnique(Arrays.copyOf(nets, n));
      int[] ix = new int[ex];
      for (int i = 0; i < ex; i++) {
        ix[i] = i;
      }
      IndexSort.sort(
          ix,
          (a, b) -> {
            int c = Long.compareUnsigned(exHi[a], exHi[b]);
            return c != 0 ? c : Long.compareUnsigned(exLo[a], exLo[b]);
          });
      long[] h = new long[ex];
      long[] l = new long[ex];
      for (int i = 0; i < ex; i++) {
        h[i] = exHi[ix[i]];
        l[i] = exLo[ix[i]];
      }
      return new Ip6TSet(ttl, s, h, l, value);
    }

    private static long[] unsignedSortedUnique(long[] a) {
      for (int i = 0; i < a.length; i++) {
        a[i] ^= Long.MIN_VALUE; // signed order of flipped values is unsigned order
      }
      Arrays.sort(a);
      int m = 0;
      for (int i = 0; i < a.length; i++) {
        if (m == 0 || a[m - 1] != a[i]) {
          a[m++] = a[i];
        }
      }
      for (int i = 0; i < m; i++) {
        a[i] ^= Long.MIN_VALUE;
      }
      return Arrays.copyOf(a, m);
    }
  }
}
