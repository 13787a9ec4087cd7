package org.backstop.dns;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.backstop.net.IpAddress;
import org.backstop.zone.Answers;
import org.backstop.zone.ReverseNames;
import org.backstop.zone.Value;

/**
 * Answers one DNS query packet (RFC 1035 section 4) from the served zones, reading and writing the
 * wire format by hand.
 *
 * <p>This is Backstop's advantage over a general DNS library: a DNSBL query is a single question
 * whose answer is a few A or TXT records, so the handler parses the question in place, copies it
 * back, points every owner name at it with one compression pointer (section 4.1.4) and writes
 * records straight into the output array. No message objects, no name objects, no allocation on the
 * listed/unlisted paths besides the query name string. dnsjava is used for the rare paths (AXFR,
 * NOTIFY) and by the tests as an independent client.
 *
 * <p>Behaviour: listed names answer A and TXT (ANY both); unlisted names NXDOMAIN with the SOA in
 * the authority section; the apex answers SOA and NS; names outside every zone REFUSED; malformed
 * questions FORMERR; packets too short to answer or with QR set are dropped; opcodes other than
 * QUERY get NOTIMP; EDNS0 (RFC 6891) sets the UDP size limit, beyond which the answer is truncated
 * with TC. Recursion is never offered.
 *
 * <p>One instance per thread: it keeps a reusable {@link Answers}.
 */
public final class QueryHandler {
  /** {@link #handle} result: drop the packet. */
  public static final int DROP = -1;

  /** {@link #handle} result: the query asks for a zone transfer over TCP. */
  public static final int TRANSFER = -2;

  static final int NOERROR = 0;
  static final int FORMERR = 1;
  static final int SERVFAIL = 2;
  static final int NXDOMAIN = 3;
  static final int NOTIMP = 4;
  static final int REFUSED = 5;

  static final int T_A = 1;
  static final int T_NS = 2;
  static final int T_SOA = 6;
  static final int T_TXT = 16;
  static final int T_OPT = 41;
  static final int T_IXFR = 251;
  static final int T_AXFR = 252;
  static final int T_ANY = 255;

  private static final int OUR_UDP_SIZE = 1232;
  private final ZoneRegistry zones;
  private final QueryListener listener;
  private final Clock clock;
  private final Answers answers = new Answers();
  private final char[] nameBuf = new char[256];

  // state of the query being handled
  private byte[] out;
  private int pos;
  private int anCount;
  private int nsCount;

  /** The zone of the last handled query, or null. */
  private String lastZone;

  /** Told the zone and response code of every answered query (metrics). */
  public interface QueryListener {
    void answered(String zone, int rcode);

    QueryListener NONE = (z, r) -> {};
  }

  public QueryHandler(ZoneRegistry zones, QueryListener listener, Clock clock) {
    this.zones = zones;
    this.listener = listener;
    this.clock = clock;
  }

  /** The zone origin of the last query handled, or null when it was outside every zone. */
  public String lastZone() {
    return lastZone;
  }

  /**
   * Handles one query.
   *
   * @param q the query bytes
   * @param len the query length
   * @param out where the response goes; must hold 65535 bytes
   * @param tcp true over TCP (no size limit, transfers allowed)
   * @return the response length, {@link #DROP}, or {@link #TRANSFER}
   */
  public int handle(byte[] q, int len, byte[] out, boolean tcp) {
    lastZone = null;
    if (len < 12 || (q[2] & 0x80) != 0) {
      return DROP; // too short to answer, or a response: never answer those (RFC 5452)
    }
    this.out = out;
    int opcode = (q[2] >>> 3) & 0xF;
    int qd = u16(q, 4);
    int an = u16(q, 6);
    int ns = u16(q, 8);
    int ar = u16(q, 10);
    if (qd != 1) {
      return opcode != 0 ? header(q, NOTIMP) : header(q, FORMERR);
    }
    // question name, lower-cased into nameBuf; no compression in a question (it comes first)
    int p = 12;
    int n = 0;
    while (true) {
      if (p >= len) {
        return header(q, FORMERR);
      }
      int l = q[p] & 0xFF;
      if (l == 0) {
        p++;
        break;
      }
      if (l > 63 || p + 1 + l > len || n + l + 1 > 254) {
        return header(q, FORMERR);
      }
      if (n > 0) {
        nameBuf[n++] = '.';
      }
      for (int i = p + 1; i <= p + l; i++) {
        int c = q[i] & 0xFF;
        if (c >= 'A' && c <= 'Z') {
          c += 32;
        }
        nameBuf[n++] = (char) c;
      }
      p += l + 1;
    }
    if (p + 4 > len) {
      return header(q, FORMERR);
    }
    int qtype = u16(q, p);
    int qclass = u16(q, p + 2);
    int questionEnd = p + 4;
    // EDNS0: find an OPT record among the additional records (RFC 6891 section 6.1.1)
    int udpSize = 512;
    boolean edns = false;
    int ednsVersion = 0;
    p = questionEnd;
    for (int i = 0; i < an + ns + ar; i++) {
      int nameEnd = skipName(q, p, len);
      if (nameEnd < 0 || nameEnd + 10 > len) {
        return header(q, FORMERR);
      }
      int type = u16(q, nameEnd);
      int rdlen = u16(q, nameEnd + 8);
      if (i >= an + ns && type == T_OPT) {
        if (edns) {
          return header(q, FORMERR); // more than one OPT
        }
        edns = true;
        udpSize = Math.max(512, u16(q, nameEnd + 2));
        ednsVersion = q[nameEnd + 5] & 0xFF;
      }
      p = nameEnd + 10 + rdlen;
      if (p > len) {
        return header(q, FORMERR);
      }
    }
    if (opcode != 0) {
      return finish(q, NOTIMP, questionEnd, false, edns);
    }
    if (edns && ednsVersion > 0) {
      return finish(q, 16, questionEnd, false, true); // BADVERS
    }
    if (qclass != 1 && qclass != 255) {
      return finish(q, REFUSED, questionEnd, false, edns);
    }
    ServedZone z = zones.find(nameBuf, n);
    if (z == null
        || (z.snapshot.expires() != null && clock.instant().isAfter(z.snapshot.expires()))) {
      return finish(q, REFUSED, questionEnd, false, edns);
    }
    lastZone = z.origin;
    if (qtype == T_AXFR || qtype == T_IXFR) {
      return tcp ? TRANSFER : finish(q, NOTIMP, questionEnd, true, edns);
    }
    int relLen = n == z.origin.length() ? 0 : n - z.origin.length() - 1;
    int originOffset = 12 + (relLen == 0 ? 0 : relLen + 1);
    startBody(q, questionEnd);
    int rcode = NOERROR;
    if (relLen == 0) {
      if (qtype == T_SOA || qtype == T_ANY) {
        soa(z, 12, z.snapshot.soa().ttl());
        anCount++;
      }
      if (qtype == T_NS || qtype == T_ANY) {
        for (byte[] rd : z.nsRdata) {
          rr(12, T_NS, z.snapshot.nsTtl(), rd);
          anCount++;
        }
      }
    } else {
      answers.clear();
      // fast path: a reversed IPv4 address in a zone of address datasets is looked up as an int,
      // with no name string made or parsed; anything else takes the general path
      long v4 = z.snapshot.answersByAddress() ? canonicalV4(nameBuf, relLen) : -1;
      String rel = v4 >= 0 ? null : new String(nameBuf, 0, relLen);
      boolean listed =
          v4 >= 0 ? z.snapshot.lookupV4((int) v4, answers) : z.snapshot.lookup(rel, answers);
      if (!listed) {
        rcode = NXDOMAIN;
      } else {
        if (qtype == T_A || qtype == T_ANY) {
          addA();
        }
        if (qtype == T_TXT || qtype == T_ANY) {
          addTxt(rel, (int) v4);
        }
      }
    }
    if (anCount == 0) {
      soa(z, originOffset, z.snapshot.soa().negativeTtl());
      nsCount++;
    }
    return finishBody(q, rcode, questionEnd, edns, tcp, udpSize, z.origin);
  }

  private void addA() {
    for (int i = 0; i < answers.count(); i++) {
      int a = answers.value(i).a();
      boolean dup = false;
      for (int j = 0; j < i; j++) {
        dup |= answers.value(j).a() == a;
      }
      if (dup || pos > out.length - 1000) {
        continue;
      }
      pos = put16(out, pos, 0xC00C);
      pos = put16(out, pos, T_A);
      pos = put16(out, pos, 1);
      pos = put32(out, pos, answers.ttl(i));
      pos = put16(out, pos, 4);
      pos = put32(out, pos, a);
      anCount++;
    }
  }

  /**
   * TXT records; {@code rel} is the name below the zone, or null for the IPv4 address {@code v4}.
   */
  private void addTxt(String rel, int v4) {
    String address = null;
    String[] seen = new String[answers.count()];
    for (int i = 0; i < answers.count(); i++) {
      Value v = answers.value(i);
      if (v.txt() == null) {
        continue;
      }
      String subject = answers.subject(i);
      if (subject == null) {
        if (address == null) {
          address = rel == null ? IpAddress.ofV4(v4).toString() : queriedAddress(rel);
        }
        subject = address;
      }
      String text = Value.expand(v.txt(), subject);
      boolean dup = false;
      for (int j = 0; j < i; j++) {
        dup |= text.equals(seen[j]);
      }
      seen[i] = text;
      if (!dup && txt(text, answers.ttl(i))) {
        anCount++;
      }
    }
  }

  /**
   * The IPv4 address whose reversed name is exactly {@code name[0, n)} written canonically (four
   * decimal labels of 0 to 255 without leading zeros, as {@code 2.0.0.127}), or -1. Only such names
   * take the fast path, so that it answers test points exactly as the name comparison does.
   */
  static long canonicalV4(char[] name, int n) {
    long addr = 0;
    int labels = 0;
    int i = 0;
    while (labels < 4) {
      int start = i;
      int v = 0;
      while (i < n && name[i] >= '0' && name[i] <= '9' && i - start < 3) {
        v = v * 10 + (name[i] - '0');
        i++;
      }
      int len = i - start;
      if (len == 0 || v > 255 || (len > 1 && name[start] == '0')) {
        return -1;
      }
      addr |= (long) v << (8 * labels);
      labels++;
      if (labels < 4) {
        if (i >= n || name[i] != '.') {
          return -1;
        }
        i++;
      }
    }
    return i == n ? addr : -1;
  }

  /** The address a reversed name stands for, as text, for {@code $} in TXT templates. */
  static String queriedAddress(String rel) {
    long[] v6 = new long[2];
    if (rel.length() >= 63
        && (rel.length() == 63 || rel.charAt(63) == '.')
        && ReverseNames.v6(rel.substring(0, 63), v6)) {
      return IpAddress.ofV6(v6[0], v6[1]).toString();
    }
    int dots = 0;
    int end = 0;
    while (end < rel.length()) {
      if (rel.charAt(end) == '.' && ++dots == 4) {
        break;
      }
      end++;
    }
    long v4 = ReverseNames.v4(rel.substring(0, end));
    if (v4 >= 0) {
      return IpAddress.ofV4((int) v4).toString();
    }
    return rel;
  }

  private boolean txt(String text, int ttl) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    int chunks = Math.max(1, (b.length + 254) / 255);
    int rdlen = b.length + chunks;
    if (pos + 12 + rdlen > out.length - 600) {
      return false; // keep room for the SOA and OPT; the answer is truncated anyway
    }
    pos = put16(out, pos, 0xC00C);
    pos = put16(out, pos, T_TXT);
    pos = put16(out, pos, 1);
    pos = put32(out, pos, ttl);
    pos = put16(out, pos, rdlen);
    for (int off = 0, c = 0; c < chunks; c++, off += 255) {
      int l = Math.min(255, b.length - off);
      out[pos++] = (byte) l;
      System.arraycopy(b, off, out, pos, l);
      pos += l;
    }
    return true;
  }

  private void soa(ServedZone z, int ownerOffset, int ttl) {
    rr(ownerOffset, T_SOA, ttl, z.soaRdata);
  }

  private void rr(int ownerOffset, int type, int ttl, byte[] rdata) {
    pos = put16(out, pos, 0xC000 | ownerOffset);
    pos = put16(out, pos, type);
    pos = put16(out, pos, 1);
    pos = put32(out, pos, ttl);
    pos = put16(out, pos, rdata.length);
    System.arraycopy(rdata, 0, out, pos, rdata.length);
    pos += rdata.length;
  }

  private void startBody(byte[] q, int questionEnd) {
    System.arraycopy(q, 0, out, 0, questionEnd);
    pos = questionEnd;
    anCount = 0;
    nsCount = 0;
  }

  private int finishBody(
      byte[] q, int rcode, int questionEnd, boolean edns, boolean tcp, int udpSize, String zone) {
    int limit = tcp ? 65535 : (edns ? Math.min(udpSize, 4096) : 512);
    int optLen = edns ? 11 : 0;
    boolean tc = false;
    if (pos + optLen > limit) {
      pos = questionEnd; // RFC 2181 section 9: drop the records, set TC
      anCount = 0;
      nsCount = 0;
      tc = true;
    }
    int arCount = 0;
    if (edns) {
      pos = opt(pos, 0);
      arCount = 1;
    }
    flags(q, rcode, true, tc);
    put16(out, 4, 1);
    put16(out, 6, anCount);
    put16(out, 8, nsCount);
    put16(out, 10, arCount);
    listener.answered(zone, rcode);
    return pos;
  }

  /** A response with the question copied and no records (or only OPT). */
  private int finish(byte[] q, int rcode, int questionEnd, boolean aa, boolean edns) {
    startBody(q, questionEnd);
    int extended = rcode >>> 4;
    int arCount = 0;
    if (edns) {
      pos = opt(pos, extended);
      arCount = 1;
    }
    flags(q, rcode & 0xF, aa, false);
    put16(out, 4, 1);
    put16(out, 6, 0);
    put16(out, 8, 0);
    put16(out, 10, arCount);
    listener.answered(lastZone == null ? "-" : lastZone, rcode);
    return pos;
  }

  /** A header-only response (no question), for queries whose question cannot be read. */
  private int header(byte[] q, int rcode) {
    out[0] = q[0];
    out[1] = q[1];
    flags(q, rcode, false, false);
    for (int i = 4; i < 12; i++) {
      out[i] = 0;
    }
    listener.answered("-", rcode);
    return 12;
  }

  private void flags(byte[] q, int rcode, boolean aa, boolean tc) {
    int opcodeAndRd = q[2] & 0x79; // opcode bits and RD
    out[0] = q[0];
    out[1] = q[1];
    out[2] = (byte) (0x80 | opcodeAndRd | (aa ? 0x04 : 0) | (tc ? 0x02 : 0));
    out[3] = (byte) (rcode & 0xF); // RA, Z, AD, CD clear
  }

  private int opt(int p, int extendedRcode) {
    out[p++] = 0;
    p = put16(out, p, T_OPT);
    p = put16(out, p, OUR_UDP_SIZE);
    out[p++] = (byte) extendedRcode;
    out[p++] = 0; // version 0
    p = put16(out, p, 0);
    return put16(out, p, 0);
  }

  /** End of a possibly compressed name, or -1 when malformed. */
  private static int skipName(byte[] q, int p, int len) {
    int steps = 0;
    while (p < len && steps++ < 128) {
      int l = q[p] & 0xFF;
      if (l == 0) {
        return p + 1;
      }
      if ((l & 0xC0) == 0xC0) {
        return p + 2 <= len ? p + 2 : -1;
      }
      if (l > 63) {
        return -1;
      }
      p += l + 1;
    }
    return -1;
  }

  static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  static int put16(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
    return p + 2;
  }

  static int put32(byte[] b, int p, int v) {
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
    return p + 4;
  }
}
