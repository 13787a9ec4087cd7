package org.backstop.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Random;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class ZoneSnapshotBuilderTest {

  private static boolean listed(ZoneSnapshot s, String ip) {
    Answers a = new Answers();
    return s.lookup(IpAddress.parse(ip).reversedName(), a);
  }

  @Test
  void longestPrefixWinsAndExclusionsPunchHoles() {
    ZoneSnapshot.Builder b = ZoneSnapshot.builder("BL.Example.ORG.");
    b.add(Cidr.parse("10.0.0.0/8"), Value.of("127.0.0.3", null));
    b.add(Cidr.parse("10.1.0.0/16"), Value.of("127.0.0.4", "net $"));
    b.exclude(Cidr.parse("10.1.2.3"));
    b.add(Cidr.parse("2001:db8::/48"), Value.DEFAULT);
    ZoneSnapshot s = b.build();
    assertThat(s.origin()).isEqualTo("bl.example.org");
    Answers a = new Answers();
    s.lookup(IpAddress.parse("10.1.9.9").reversedName(), a);
    assertThat(a.value(0)).isEqualTo(Value.of("127.0.0.4", "net $"));
    assertThat(listed(s, "10.1.2.3")).isFalse();
    assertThat(listed(s, "10.200.0.1")).isTrue();
    assertThat(listed(s, "2001:db8:0:ffff::1")).isTrue();
    assertThat(listed(s, "2001:db8:1::1")).isFalse();
  }

  @Test
  void millionSingleAddressesAllFound() {
    Random r = new Random(7);
    int[] addrs = new int[1_000_000];
    ZoneSnapshot.Builder b = ZoneSnapshot.builder("bl.test");
    Value v = Value.of("127.0.0.2", "Listed by Backstop, see https://host/lookup?ip=$");
    for (int i = 0; i < addrs.length; i++) {
      addrs[i] = r.nextInt();
      b.add(IpAddress.ofV4(addrs[i]), v);
    }
    ZoneSnapshot s = b.build();
    Answers a = new Answers();
    for (int i = 0; i < addrs.length; i += 997) {
      a.clear();
      assertThat(s.lookup(IpAddress.ofV4(addrs[i]).reversedName(), a)).isTrue();
    }
    assertThat(s.memoryBytes()).isLessThan(6L * addrs.length);
  }

  @Test
  void exportsRoundTripThroughTheRbldnsdFormat() throws Exception {
    ZoneSnapshot.Builder b = ZoneSnapshot.builder("bl.test").serial(5).ns(60, "ns.bl.test");
    b.add(Cidr.parse("192.0.2.1"), Value.of("127.0.0.2", "one $"));
    b.add(Cidr.parse("192.0.2.2"), Value.of("127.0.0.5", null));
    b.add(Cidr.parse("2001:db8::1"), Value.of("127.0.0.2", "one $"));
    ZoneSnapshot s = b.build();
    StringWriter w = new StringWriter();
    RbldnsdWriter.write(s, w);
    assertThat(w.toString()).contains("$DATASET ip4trie @", "$DATASET ip6trie @", ":127.0.0.5:");
    StringWriter bind = new StringWriter();
    BindWriter.write(s, bind);
    assertThat(bind.toString())
        .contains("$ORIGIN bl.test.", "1.2.0.192\t2100\tIN\tTXT\t\"one 192.0.2.1\"", " 5 ");
  }

  @Test
  void entriesWithTheirOwnValuesStayWithinEightBytes() {
    Ip4Set.Builder b = new Ip4Set.Builder(DatasetType.IP4SET, 60);
    Random r = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      long a = r.nextInt() & 0xFFFF_FFFFL;
      b.addRange(a, a, new Value(0x7F000000 | r.nextInt(200), "listed $ #" + r.nextInt(50)));
    }
    Ip4Set set = b.build();
    assertThat(set.memoryBytes()).isLessThanOrEqualTo(8L * set.size());
    assertThat(set.memoryBytes()).isGreaterThanOrEqualTo(4L * set.size());
  }
}
