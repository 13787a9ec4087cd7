package org.backstop.dns;

import java.nio.charset.StandardCharsets;
import org.backstop.zone.ZoneSnapshot;

/**
 * A zone snapshot with its SOA and NS records already in wire form (RFC 1035 section 3.3), so that
 * answering copies bytes instead of encoding names on every query.
 */
final class ServedZone {
  final ZoneSnapshot snapshot;
  final String origin;
  final byte[] soaRdata;
  final byte[][] nsRdata;

  ServedZone(ZoneSnapshot s) {
    this.snapshot = s;
    this.origin = s.origin();
    var soa = s.soa();
    byte[] m = wireName(soa.mname());
    byte[] r = wireName(soa.rname());
    byte[] rd = new byte[m.length + r.length + 20];
    System.arraycopy(m, 0, rd, 0, m.length);
    System.arraycopy(r, 0, rd, m.length, r.length);
    int p = m.length + r.length;
    p = put32(rd, p, (int) soa.serial());
    p = put32(rd, p, soa.refresh());
    p = put32(rd, p, soa.retry());
    p = put32(rd, p, soa.expire());
    put32(rd, p, soa.minimum());
    this.soaRdata = rd;
    this.nsRdata = new byte[s.ns().size()][];
    for (int i = 0; i < nsRdata.length; i++) {
      nsRdata[i] = wireName(s.ns().get(i));
    }
  }

  /** An absolute name (no final dot) in uncompressed wire form. */
  static byte[] wireName(String name) {
    if (name.isEmpty()) {
      return new byte[] {0};
    }
    byte[] text = name.getBytes(StandardCharsets.US_ASCII);
    byte[] w = new byte[text.length + 2];
    int lenPos = 0;
    int n = 0;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '.') {
        w[lenPos] = (byte) n;
        lenPos = i + 1;
        n = 0;
      } else {
        w[i + 1] = text[i];
        n++;
      }
    }
    w[lenPos] = (byte) n;
    return w;
  }

  private static int put32(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
    return p + 4;
  }
}
