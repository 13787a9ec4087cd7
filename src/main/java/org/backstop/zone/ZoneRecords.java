package org.backstop.zone;

import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * Lists a snapshot's A and TXT records as a standard DNS zone would hold them (for BIND zone files
 * and AXFR): single addresses become names, networks become wildcards at the next octet (IPv4) or
 * nibble (IPv6) boundary, as {@code rbldnsd -d} does.
 *
 * <p>Limits of the standard form: an exclusion inside a wildcard and a longer prefix overlapping a
 * wildcard cannot be expressed (a wildcard does not match below an existing name, RFC 4592), so
 * exclusions are left out; zones made of single addresses, as published by Backstop, transfer
 * exactly.
 */
public final class ZoneRecords {
  private ZoneRecords() {}

  /** Receives records; owners are relative to the origin ({@code ""} is the apex). */
  public interface Sink {
    void a(String owner, int ttl, int address);

    void txt(String owner, int ttl, String text);
  }

  /** Visits every A and TXT record of the snapshot. */
  public static void forEach(ZoneSnapshot snapshot, Sink sink) {
    for (Binding b : snapshot.bindings()) {
      String suffix = b.subzone().isEmpty() ? "" : "." + b.subzone();
      Dataset d = b.dataset();
      boolean ip4 =
          d.type() == DatasetType.IP4SET
              || d.type() == DatasetType.IP4TSET
              || d.type() == DatasetType.IP4TRIE;
      boolean[] testListed = {false};
      d.forEach(
          e -> {
            if (e.excluded()) {
              return;
            }
            if (e.domain() != null) {
              String owner = (e.wildcard() ? "*." : "") + e.domain() + suffix;
              emit(sink, owner, d.ttl(), e.value(), e.domain());
              return;
            }
            Cidr c = e.cidr();
            if (ip4 && c.prefix() == 32 && c.network().v4() == 0x7F000001) {
              return; // RFC 5782 test point that must not be listed
            }
            if (ip4 && c.contains(IpAddress.ofV4(0x7F000002))) {
              testListed[0] = true;
            }
            expand(sink, c, suffix, d.ttl(), e.value());
          });
      if (ip4 && !testListed[0]) {
        emit(sink, "2.0.0.127" + suffix, d.ttl(), d.defaultValue(), "127.0.0.2");
      }
    }
  }

  private static void expand(Sink sink, Cidr c, String suffix, int ttl, Value v) {
    IpAddress a = c.network();
    int unit = a.isV4() ? 8 : 4;
    int p = c.prefix();
    int q = Math.max(unit, (p + unit - 1) / unit * unit);
    long blocks = 1L << (q - p);
    for (long i = 0; i < blocks; i++) {
      IpAddress first = offset(a, i, q);
      String owner;
      String subject;
      if (q == a.bits()) {
        owner = first.reversedName();
        subject = first.toString();
      } else {
        String rev = first.reversedName();
        int labels = q / unit;
        // the reversed name ends with the first labels of the address: keep those
        int skip = a.bits() / unit - labels;
        int from = 0;
        for (int k = 0; k < skip; k++) {
          from = rev.indexOf('.', from) + 1;
        }
        owner = "*." + rev.substring(from);
        subject = c.toString();
      }
      emit(sink, owner + suffix, ttl, v, subject);
    }
  }

  private static IpAddress offset(IpAddress a, long i, int q) {
    if (a.isV4()) {
      return IpAddress.ofV4((int) (a.lo() + (i << (32 - q))));
    }
    if (q <= 64) {
      return IpAddress.ofV6(a.hi() + (i << (64 - q)), a.lo());
    }
    return IpAddress.ofV6(a.hi(), a.lo() + (i << (128 - q)));
  }

  private static void emit(Sink sink, String owner, int ttl, Value v, String subject) {
    sink.a(owner, ttl, v.a());
    if (v.txt() != null) {
      sink.txt(owner, ttl, Value.expand(v.txt(), subject));
    }
  }
}
