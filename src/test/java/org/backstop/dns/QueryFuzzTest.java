package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Random;
import org.backstop.net.Cidr;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Feeds 1,000,000 random and mutated packets to the query handler: it must never throw, and every
 * answer it gives must parse with dnsjava and carry the query's ID.
 */
class QueryFuzzTest {
  private static final int PACKETS = 1_000_000;
  private static final int[] TYPES = {1, 2, 6, 16, 28, 251, 252, 255, 41, 0, 65535};

  @Test
  void millionPacketsNeverBreakTheHandler() throws Exception {
    ZoneRegistry zones = new ZoneRegistry();
    ZoneSnapshot.Builder b = ZoneSnapshot.builder("bl.test").ns(60, "ns1.bl.test");
    b.add(Cidr.parse("192.0.2.0/24"), Value.of("127.0.0.2", "listed $ " + "x".repeat(300)));
    b.add(Cidr.parse("2001:db8::/32"), Value.of("127.0.0.3", "v6 $"));
    zones.publish(b.build());
    QueryHandler h = new QueryHandler(zones, QueryHandler.QueryListener.NONE, Clock.systemUTC());
    Random r = new Random(1234);
    byte[][] seeds = new byte[64][];
    for (int i = 0; i < seeds.length; i++) {
      String name =
          switch (i % 4) {
            case 0 -> r.nextInt(256) + ".2.0.192.bl.test.";
            case 1 -> "bl.test.";
            case 2 -> "a" + i + ".example.";
            default -> "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.test.";
          };
      Message q =
          Message.newQuery(
              Record.newRecord(Name.fromString(name), TYPES[r.nextInt(TYPES.length)], DClass.IN));
      if (r.nextBoolean()) {
        q.addRecord(new OPTRecord(r.nextInt(5000), 0, r.nextInt(2)), Section.ADDITIONAL);
      }
      seeds[i] = q.toWire();
    }
    byte[] out = new byte[65536];
    int answered = 0;
    for (int i = 0; i < PACKETS; i++) {
      byte[] p = i % 2 == 0 ? randomPacket(r) : mutate(seeds[r.nextInt(seeds.length)], r);
      int n = h.handle(p, p.length, out, r.nextInt(8) == 0);
      if (n == QueryHandler.DROP || n == QueryHandler.TRANSFER) {
        continue;
      }
      answered++;
      byte[] resp = java.util.Arrays.copyOf(out, n);
      try {
        Message m = new Message(resp);
        assertThat(m.getHeader().getID()).isEqualTo(((p[0] & 0xFF) << 8) | (p[1] & 0xFF));
      } catch (java.io.IOException e) {
        fail(
            "unparsable answer "
                + HexFormat.of().formatHex(resp)
                + " to "
                + HexFormat.of().formatHex(p)
                + ": "
                + e);
      }
    }
    assertThat(answered).isGreaterThan(PACKETS / 4);
  }

  private static byte[] randomPacket(Random r) {
    byte[] p = new byte[r.nextInt(r.nextInt(10) == 0 ? 1500 : 64)];
    r.nextBytes(p);
    if (p.length > 2 && r.nextBoolean()) {
      p[2] &= 0x7F; // make it a query more often, to get past the first check
    }
    return p;
  }

  private static byte[] mutate(byte[] seed, Random r) {
    byte[] p = seed.clone();
    switch (r.nextInt(6)) {
      case 0 -> p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
      case 1 -> p = java.util.Arrays.copyOf(p, r.nextInt(p.length + 1));
      case 2 -> {
        byte[] longer = java.util.Arrays.copyOf(p, p.length + 1 + r.nextInt(40));
        for (int i = p.length; i < longer.length; i++) {
          longer[i] = (byte) r.nextInt();
        }
        p = longer;
      }
      case 3 -> {
        if (p.length >= 12) {
          p[4 + 2 * r.nextInt(4) + 1] = (byte) r.nextInt(4); // section counts
        }
      }
      case 4 -> {
        if (p.length > 13) {
          int at = 12 + r.nextInt(p.length - 13);
          p[at] = (byte) 0xC0; // a compression pointer where a label was
          p[at + 1] = (byte) r.nextInt();
        }
      }
      default -> {
        for (int k = 0; k < 4; k++) {
          p[r.nextInt(p.length)] = (byte) r.nextInt();
        }
      }
    }
    return p;
  }
}
