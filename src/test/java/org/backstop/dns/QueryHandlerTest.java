package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.backstop.net.Cidr;
import org.backstop.zone.Soa;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class QueryHandlerTest {
  private final ZoneRegistry zones = new ZoneRegistry();
  private final QueryHandler handler =
      new QueryHandler(zones, QueryHandler.QueryListener.NONE, Clock.systemUTC());

  QueryHandlerTest() {
    ZoneSnapshot.Builder b =
        ZoneSnapshot.builder("bl.example.org")
            .soa(new Soa(600, "ns1.example.org", "hostmaster.example.org", 0, 3600, 600, 86400, 60))
            .serial(42)
            .ns(3600, "ns1.example.org", "ns2.example.org");
    b.add(Cidr.parse("192.0.2.1"), Value.of("127.0.0.2", "Listed, see https://x/lookup?ip=$"));
    b.add(Cidr.parse("10.0.0.0/8"), Value.of("127.0.0.3", null));
    b.exclude(Cidr.parse("10.1.2.3"));
    b.add(Cidr.parse("2001:db8::/32"), Value.of("127.0.0.4", "v6 $"));
    zones.publish(b.build());
  }

  private Message ask(String name, int type) throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    return ask(q.toWire(), false);
  }

  private Message ask(byte[] wire, boolean tcp) throws Exception {
    byte[] out = new byte[65536];
    int n = handler.handle(wire, wire.length, out, tcp);
    assertThat(n).isPositive();
    return new Message(java.util.Arrays.copyOf(out, n));
  }

  private static List<String> rdata(Message m, int s) {
    return m.getSection(s).stream().map(Record::rdataToString).collect(Collectors.toList());
  }

  @Test
  void listedAddressAnswersAAndExpandedTxt() throws Exception {
    Message a = ask("1.2.0.192.bl.example.org.", Type.A);
    assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(a.getHeader().getFlag(Flags.RA)).isFalse();
    assertThat(rdata(a, Section.ANSWER)).containsExactly("127.0.0.2");
    Message t = ask("1.2.0.192.BL.example.org.", Type.TXT);
    assertThat(((TXTRecord) t.getSection(Section.ANSWER).get(0)).getStrings())
        .containsExactly("Listed, see https://x/lookup?ip=192.0.2.1");
    Message any = ask("1.2.0.192.bl.example.org.", Type.ANY);
    assertThat(any.getSection(Section.ANSWER)).hasSize(2);
  }

  @Test
  void unlistedAndExcludedGiveNxdomainWithSoa() throws Exception {
    for (String n : List.of("2.2.0.192", "3.2.1.10", "1.0.0.127")) {
      Message m = ask(n + ".bl.example.org.", Type.A);
      assertThat(m.getRcode()).as(n).isEqualTo(Rcode.NXDOMAIN);
      assertThat(m.getSection(Section.AUTHORITY)).hasSize(1);
      assertThat(m.getSection(Section.AUTHORITY).get(0).getType()).isEqualTo(Type.SOA);
    }
    assertThat(rdata(ask("4.2.1.10.bl.example.org.", Type.A), Section.ANSWER))
        .containsExactly("127.0.0.3");
  }

  @Test
  void testPointsAnswerEvenWithoutData() throws Exception {
    assertThat(ask("2.0.0.127.bl.example.org.", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
    String v6listed = "2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0";
    assertThat(ask(v6listed + ".bl.example.org.", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
    String v6unlisted = "1" + v6listed.substring(1);
    assertThat(ask(v6unlisted + ".bl.example.org.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void onlyCanonicalReversedAddressesTakeTheFastPath() {
    char[] two = "2.0.0.127".toCharArray();
    assertThat(QueryHandler.canonicalV4(two, two.length)).isEqualTo(0x7F00_0002L);
    char[] max = "255.255.255.255.bl".toCharArray();
    assertThat(QueryHandler.canonicalV4(max, 15)).isEqualTo(0xFFFF_FFFFL);
    for (String n :
        List.of(
            "02.0.0.127",
            "2.0.0",
            "2.0.0.127.1",
            "256.0.0.1",
            "1234.0.0.1",
            "a.0.0.127",
            "2..0.127",
            "2.0.0.127.",
            "",
            "-1.0.0.127")) {
      char[] c = n.toCharArray();
      assertThat(QueryHandler.canonicalV4(c, c.length)).as(n).isEqualTo(-1);
    }
  }

  @Test
  void aTestPointWithLeadingZerosIsNotTheTestPoint() throws Exception {
    // the general path compares names: "02.0.0.127" is 127.0.0.2 but not RFC 5782's test name
    assertThat(ask("2.0.0.127.bl.example.org.", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(ask("02.0.0.127.bl.example.org.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(ask("001.2.0.192.bl.example.org.", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void apexAnswersSoaAndNs() throws Exception {
    Message soa = ask("bl.example.org.", Type.SOA);
    assertThat(rdata(soa, Section.ANSWER).get(0)).contains(" 42 ");
    assertThat(rdata(ask("bl.example.org.", Type.NS), Section.ANSWER))
        .containsExactlyInAnyOrder("ns1.example.org.", "ns2.example.org.");
    Message a = ask("bl.example.org.", Type.A);
    assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void outsideEveryZoneIsRefused() throws Exception {
    assertThat(ask("example.com.", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(ask("xbl.example.org.", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void otherOpcodesAreNotImplemented() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString("bl.example.org."), Type.SOA, 1));
    q.getHeader().setOpcode(Opcode.STATUS);
    assertThat(ask(q.toWire(), false).getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void responsesAndRuntsAreDropped() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString("bl.example.org."), Type.SOA, 1));
    q.getHeader().setFlag(Flags.QR);
    byte[] w = q.toWire();
    assertThat(handler.handle(w, w.length, new byte[65536], false)).isEqualTo(QueryHandler.DROP);
    assertThat(handler.handle(new byte[5], 5, new byte[65536], false)).isEqualTo(QueryHandler.DROP);
  }

  @Test
  void malformedQuestionIsFormerr() throws Exception {
    byte[] w =
        Message.newQuery(Record.newRecord(Name.fromString("a.bl.example.org."), 1, 1)).toWire();
    byte[] cut = java.util.Arrays.copyOf(w, 20);
    Message m = ask(cut, false);
    assertThat(m.getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void largeAnswerIsTruncatedUnlessEdnsAllowsIt() throws Exception {
    String longText = "x".repeat(600) + " $";
    ZoneSnapshot.Builder b = ZoneSnapshot.builder("big.example");
    b.add(Cidr.parse("192.0.2.9"), Value.of("127.0.0.2", longText));
    zones.publish(b.build());
    Message plain = ask("9.2.0.192.big.example.", Type.TXT);
    assertThat(plain.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(plain.getSection(Section.ANSWER)).isEmpty();
    Message q =
        Message.newQuery(Record.newRecord(Name.fromString("9.2.0.192.big.example."), Type.TXT, 1));
    q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    Message edns = ask(q.toWire(), false);
    assertThat(edns.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(String.join("", ((TXTRecord) edns.getSection(Section.ANSWER).get(0)).getStrings()))
        .isEqualTo("x".repeat(600) + " 192.0.2.9");
    assertThat(edns.getOPT()).isNotNull();
  }

  @Test
  void transferIsOnlyOfferedOverTcp() throws Exception {
    byte[] w =
        Message.newQuery(Record.newRecord(Name.fromString("bl.example.org."), Type.AXFR, 1))
            .toWire();
    assertThat(handler.handle(w, w.length, new byte[65536], true)).isEqualTo(QueryHandler.TRANSFER);
    assertThat(ask(w, false).getRcode()).isEqualTo(Rcode.NOTIMP);
  }
}
