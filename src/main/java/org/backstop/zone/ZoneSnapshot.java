package org.backstop.zone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * One immutable version of a DNSBL zone (RFC 5782): its SOA and NS records and the datasets that
 * say which names are listed. The DNS server answers from a snapshot and a publisher replaces the
 * whole snapshot atomically, so a query never sees half a reload.
 *
 * <p>Build one from rbldnsd data files with {@link ZoneLoader}, or from code with {@link
 * #builder(String)}:
 *
 * <pre>{@code
 * Value listed = Value.of("127.0.0.2", "Listed by Backstop, see https://example.org/lookup?ip=$");
 * ZoneSnapshot.Builder b = ZoneSnapshot.builder("bl.example.org")
 *     .soa(new Soa(3600, "ns1.example.org", "hostmaster.example.org", 0, 3600, 600, 604800, 300))
 *     .serial(2026112801L)
 *     .ns(3600, "ns1.example.org", "ns2.example.org")
 *     .ttl(2100);
 * b.add(Cidr.parse("192.0.2.1"), listed);       // a single address
 * b.add(Cidr.parse("2001:db8::/32"), listed);   // an IPv6 network
 * b.exclude(Cidr.parse("2001:db8::25"));        // a hole in it
 * ZoneSnapshot snapshot = b.build();            // 1,000,000 entries build in well under 2 s
 * }</pre>
 *
 * <p>Every zone answers the RFC 5782 section 5 test points even when its data lacks them: 127.0.0.2
 * and ::ffff:127.0.0.2 (and {@code test} in domain lists) are listed, 127.0.0.1, ::ffff:127.0.0.1
 * and {@code invalid} are not.
 */
public final class ZoneSnapshot {
  private static final String V6_TEST_LISTED = IpAddress.ofV6(0, 0xFFFF_7F00_0002L).reversedName();
  private static final String V6_TEST_UNLISTED =
      IpAddress.ofV6(0, 0xFFFF_7F00_0001L).reversedName();

  private final String origin;
  private final Soa soa;
  private final List<String> ns;
  private final int nsTtl;
  private final List<Binding> bindings;
  private final Instant expires;

  /**
   * The IPv4 datasets, when every binding is at the zone itself and lists addresses only (IPv6
   * datasets answer nothing for a reversed IPv4 name); null otherwise. See {@link #lookupV4}.
   */
  private final Dataset[] v4Datasets;

  /**
   * @param origin the zone name, any case, with or without the final dot
   * @param soa the SOA record (its serial is the zone's version)
   * @param ns the zone's name servers (absolute names), may be empty
   * @param nsTtl the TTL of the NS records
   * @param bindings the datasets and where they are attached
   * @param expires when the data stops being valid ({@code $TIMESTAMP}), or null
   */
  public ZoneSnapshot(
      String origin, Soa soa, List<String> ns, int nsTtl, List<Binding> bindings, Instant expires) {
    this.origin = normalise(origin);
    this.soa = soa;
    this.ns = List.copyOf(ns);
    this.nsTtl = nsTtl;
    this.bindings = List.copyOf(bindings);
    this.expires = expires;
    List<Dataset> v4 = new ArrayList<>();
    boolean addressesOnly = true;
    for (Binding b : this.bindings) {
      Dataset d = b.dataset();
      addressesOnly &= b.subzone().isEmpty();
      if (d instanceof Ip4Set || d instanceof Ip4Trie) {
        v4.add(d);
      } else {
        addressesOnly &= d instanceof Ip6Trie || d instanceof Ip6TSet;
      }
    }
    this.v4Datasets = addressesOnly ? v4.toArray(new Dataset[0]) : null;
  }

  /** Starts building a snapshot from code (no text parsing). */
  public static Builder builder(String origin) {
    return new Builder(origin);
  }

  /** Lower case, no final dot. */
  public static String normalise(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return n.toLowerCase(Locale.ROOT);
  }

  public String origin() {
    return origin;
  }

  public Soa soa() {
    return soa;
  }

  public long serial() {
    return soa.serial();
  }

  public List<String> ns() {
    return ns;
  }

  public int nsTtl() {
    return nsTtl;
  }

  public List<Binding> bindings() {
    return bindings;
  }

  public Instant expires() {
    return expires;
  }

  /** This snapshot with another SOA serial (for example one the publisher keeps). */
  public ZoneSnapshot withSerial(long serial) {
    return new ZoneSnapshot(origin, soa.withSerial(serial), ns, nsTtl, bindings, expires);
  }

  /** The number of entries in all datasets. */
  public long entries() {
    long n = 0;
    for (Binding b : bindings) {
      n += b.dataset().size();
    }
    return n;
  }

  /** Approximate heap bytes of the entries. */
  public long memoryBytes() {
    long n = 0;
    for (Binding b : bindings) {
      n += b.dataset().memoryBytes();
    }
    return n;
  }

  /**
   * Adds every value listed for a name to {@code out}.
   *
   * @param relative the query name without the origin: lower case, no final dot, {@code ""} for the
   *     apex
   * @return true when the name is listed
   */
  public boolean lookup(String relative, Answers out) {
    Binding testPoint = null;
    String testName = null;
    for (int i = 0; i < bindings.size(); i++) {
      Binding b = bindings.get(i);
      String r = b.relative(relative);
      if (r == null) {
        continue;
      }
      int mark = out.count();
      Dataset d = b.dataset();
      d.query(r, out);
      int verdict = testPoint(d, r);
      if (verdict < 0) {
        out.rewind(mark);
      } else if (verdict > 0 && testPoint == null) {
        testPoint = b;
        testName = r;
      }
    }
    if (testPoint != null && out.count() == 0) {
      Dataset d = testPoint.dataset();
      out.add(d.defaultValue(), d.type() == DatasetType.DNSET ? testName : null, d.ttl());
    }
    return out.count() > 0;
  }

  /** True when {@link #lookupV4} can answer for this zone's reversed IPv4 names. */
  public boolean answersByAddress() {
    return v4Datasets != null;
  }

  /**
   * Answers what {@link #lookup} answers for the reversed name of an IPv4 address written with
   * decimal labels without leading zeros ({@code 2.0.0.127} for 127.0.0.2), without building or
   * parsing that name: the query fast path. Only where {@link #answersByAddress()}.
   */
  public boolean lookupV4(int addr, Answers out) {
    Dataset testPoint = null;
    for (Dataset d : v4Datasets) {
      int mark = out.count();
      if (d instanceof Ip4Set s) {
        s.lookup(addr, out);
      } else {
        ((Ip4Trie) d).lookup(addr, out);
      }
      if (addr == 0x7F00_0001) { // 1.0.0.127: never listed
        out.rewind(mark);
      } else if (addr == 0x7F00_0002 && testPoint == null) { // 2.0.0.127: always listed
        testPoint = d;
      }
    }
    if (testPoint != null && out.count() == 0) {
      out.add(testPoint.defaultValue(), null, testPoint.ttl());
    }
    return out.count() > 0;
  }

  /** RFC 5782 section 5: +1 for a name that must be listed, -1 for one that must not be. */
  private static int testPoint(Dataset d, String r) {
    return switch (d.type()) {
      case IP4SET, IP4TSET, IP4TRIE -> r.equals("2.0.0.127") ? 1 : r.equals("1.0.0.127") ? -1 : 0;
      case IP6TRIE, IP6TSET -> r.equals(V6_TEST_LISTED) ? 1 : r.equals(V6_TEST_UNLISTED) ? -1 : 0;
      case DNSET -> r.equals("test") ? 1 : r.equals("invalid") ? -1 : 0;
      default -> 0;
    };
  }

  /**
   * Builds a snapshot from code: IPv4 and IPv6 addresses or networks, each with a value, answered
   * by longest-prefix match (like rbldnsd's ip4trie and ip6trie). Not thread-safe; build once.
   */
  public static final class Builder {
    private final String origin;
    private Soa soa;
    private Long serial;
    private final List<String> ns = new ArrayList<>();
    private int nsTtl = 3600;
    private int ttl = 2100;
    private Ip4Trie.Builder v4;
    private Ip6Trie.Builder v6;
    private final List<Binding> extra = new ArrayList<>();

    private Builder(String origin) {
      this.origin = normalise(origin);
    }

    /** The SOA record; without one a default naming the first NS (or the origin) is used. */
    public Builder soa(Soa s) {
      this.soa = s;
      return this;
    }

    /** The SOA serial, overriding the one in {@link #soa(Soa)}. */
    public Builder serial(long s) {
      this.serial = s;
      return this;
    }

    /** The name servers (absolute names) and their TTL. */
    public Builder ns(int ttlSeconds, String... names) {
      nsTtl = ttlSeconds;
      for (String n : names) {
        ns.add(normalise(n));
      }
      return this;
    }

    /** The TTL of A and TXT answers (rbldnsd's default is 35 minutes). */
    public Builder ttl(int seconds) {
      ttl = seconds;
      return this;
    }

    /** Lists an address or network with a value; the first value given for a network wins. */
    public Builder add(Cidr network, Value value) {
      if (value == null) {
        throw new IllegalArgumentException("a listed entry needs a value; use exclude()");
      }
      put(network, value);
      return this;
    }

    /** Lists a single address with a value. */
    public Builder add(IpAddress address, Value value) {
      return add(new Cidr(address, address.bits()), value);
    }

    /** Excludes an address or network from a larger listed network. */
    public Builder exclude(Cidr network) {
      put(network, null);
      return this;
    }

    private void put(Cidr c, Value v) {
      IpAddress a = c.network();
      if (a.isV4()) {
        if (v4 == null) {
          v4 = new Ip4Trie.Builder(ttl);
        }
        v4.add(a.v4(), c.prefix(), v);
      } else {
        if (v6 == null) {
          v6 = new Ip6Trie.Builder(ttl);
        }
        v6.add(a.hi(), a.lo(), c.prefix(), v);
      }
    }

    /** Attaches a dataset built elsewhere at a subzone ({@code ""} for the zone itself). */
    public Builder bind(String subzone, Dataset d) {
      extra.add(new Binding(normalise(subzone), d));
      return this;
    }

    public ZoneSnapshot build() {
      List<Binding> bs = new ArrayList<>();
      if (v4 != null) {
        v4.ttl(ttl);
        bs.add(new Binding("", v4.build()));
      }
      if (v6 != null) {
        v6.ttl(ttl);
        bs.add(new Binding("", v6.build()));
      }
      bs.addAll(extra);
      Soa s = soa != null ? soa : defaultSoa(origin, ns, ttl, serial == null ? 1 : serial);
      if (serial != null) {
        s = s.withSerial(serial);
      }
      return new ZoneSnapshot(origin, s, ns, nsTtl, bs, null);
    }
  }

  /** The SOA used when the data gives none. */
  static Soa defaultSoa(String origin, List<String> ns, int ttl, long serial) {
    String mname = ns.isEmpty() ? origin : ns.get(0);
    return new Soa(ttl, mname, "hostmaster." + origin, serial, 3600, 600, 604800, 60);
  }
}
