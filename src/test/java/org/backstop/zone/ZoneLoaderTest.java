package org.backstop.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneLoaderTest {
  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

  private ZoneLoader.Result load(String type, String... files) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < files.length; i++) {
      Path p = dir.resolve("f" + i + ".txt");
      Files.writeString(p, files[i]);
      Files.setLastModifiedTime(p, FileTime.fromMillis(1_700_000_000_000L + i * 1000));
      paths.add(p);
    }
    String arg =
        "bl.test:" + type + ":" + String.join(",", paths.stream().map(Path::toString).toList());
    return new ZoneLoader(clock).load(ZoneSpec.parse(List.of(arg)).get(0));
  }

  private static List<String> answer(ZoneSnapshot s, String relative) {
    Answers a = new Answers();
    s.lookup(relative, a);
    return texts(a);
  }

  /** Each answer as its A text and expanded TXT, the subject "Q" where the entry names none. */
  private static List<String> texts(Answers a) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.count(); i++) {
      Value v = a.value(i);
      String subject = a.subject(i) == null ? "Q" : a.subject(i);
      out.add(v.aText() + (v.txt() == null ? "" : " " + Value.expand(v.txt(), subject)));
    }
    return out;
  }

  private static String rev(String ip) {
    return IpAddress.parse(ip).reversedName();
  }

  @Test
  void ip4setShorthandsRangesAndValues() throws IOException {
    ZoneSnapshot s =
        load(
                "ip4set",
                """
                :127.0.0.3:Listed $
                10.2
                !10.2.3.4
                11.1.1.1-11.1.1.3
                12.16-31
                10.1.1.1 :5
                10.1.1.1 :6:other $
                10.1.1.2 :7:
                10.1.1.3 text only $$
                """)
            .snapshot();
    assertThat(answer(s, rev("10.2.9.9"))).containsExactly("127.0.0.3 Listed Q");
    assertThat(answer(s, rev("10.2.3.4"))).isEmpty();
    assertThat(answer(s, rev("11.1.1.3"))).hasSize(1);
    assertThat(answer(s, rev("11.1.1.4"))).isEmpty();
    assertThat(answer(s, rev("12.31.255.255"))).hasSize(1);
    assertThat(answer(s, rev("12.32.0.0"))).isEmpty();
    assertThat(answer(s, rev("10.1.1.1")))
        .containsExactly("127.0.0.5 Listed Q", "127.0.0.6 other Q");
    assertThat(answer(s, rev("10.1.1.2"))).containsExactly("127.0.0.7");
    assertThat(answer(s, rev("10.1.1.3"))).containsExactly("127.0.0.3 text only $");
  }

  @Test
  void badLinesAreReportedWithFileAndLineAndSkipped() throws IOException {
    ZoneLoader.Result r = load("ip4set", "192.0.2.1\nnot.an.address\n10.4.5.6/24\n192.0.2.2\n");
    assertThat(r.problems()).extracting(ParseProblem::line).containsExactly(2, 3);
    assertThat(r.problems().get(1).toString())
        .endsWith("f0.txt:3: invalid range (non-zero host part)");
    assertThat(r.snapshot().entries()).isEqualTo(2);
  }

  @Test
  void defaultValueHoldsToTheEndOfItsFileOnly() throws IOException {
    ZoneSnapshot s = load("ip4set", ":3:first $\n192.0.2.1\n", "192.0.2.2\n").snapshot();
    assertThat(answer(s, rev("192.0.2.1"))).containsExactly("127.0.0.3 first Q");
    assertThat(answer(s, rev("192.0.2.2"))).containsExactly("127.0.0.2");
  }

  @Test
  void specialsSetSoaNsTtlAndSerialFromNewestMtime() throws IOException {
    ZoneSnapshot s =
        load(
                "ip4tset",
                """
                $SOA 1h ns1.bl.test. hostmaster.bl.test 0 2h 1h 1w 10m
                $NS 0 ns1.bl.test -ns2.bl.test ns3.bl.test
                $TTL 5m
                #$SOA 9 ignored.test x 1 1 1 1 1
                192.0.2.1
                """,
                "192.0.2.2\n")
            .snapshot();
    assertThat(s.soa())
        .isEqualTo(
            new Soa(
                3600,
                "ns1.bl.test",
                "hostmaster.bl.test",
                1_700_000_001L,
                7200,
                3600,
                604800,
                600));
    assertThat(s.ns()).containsExactly("ns1.bl.test", "ns3.bl.test");
    Answers a = new Answers();
    s.lookup(rev("192.0.2.2"), a);
    assertThat(a.ttl(0)).isEqualTo(300);
  }

  @Test
  void timestampInTheFutureRefusesTheLoadAndExpiryIsKept() throws IOException {
    assertThatThrownBy(() -> load("ip4set", "$TIMESTAMP 2027:01:01\n192.0.2.1\n"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("future");
    ZoneSnapshot s = load("ip4set", "$TIMESTAMP 2026:11:01 +30d\n192.0.2.1\n").snapshot();
    assertThat(s.expires()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void unreadableFileFailsTheLoad() {
    ZoneSpec spec = ZoneSpec.parse(List.of("bl.test:ip4set:" + dir.resolve("missing.txt"))).get(0);
    assertThatThrownBy(() -> new ZoneLoader(clock).load(spec)).isInstanceOf(IOException.class);
  }

  @Test
  void tries6tsetAndDomainsFollowRbldnsd() throws IOException {
    ZoneSnapshot trie =
        load(
                "ip4trie",
                ":5:t $\n10.0.0.0/8\n10.1.0.0/16 :6:\n!10.1.2.0/24\n10.1.2.3 :7:deep\n"
                    + "10.1.0.0/16 :8:ignored duplicate\n")
            .snapshot();
    assertThat(answer(trie, rev("10.9.9.9"))).containsExactly("127.0.0.5 t Q");
    assertThat(answer(trie, rev("10.1.9.9"))).containsExactly("127.0.0.6");
    assertThat(answer(trie, rev("10.1.2.9"))).isEmpty();
    assertThat(answer(trie, rev("10.1.2.3"))).containsExactly("127.0.0.7 deep");
    ZoneSnapshot six =
        load("ip6trie", ":2:v6\n2001:db8:c000/36\n2001:db8:def7:4242 :3:\n!2001:db8:c000::1\n")
            .snapshot();
    assertThat(answer(six, rev("2001:db8:cfff::1"))).containsExactly("127.0.0.2 v6");
    assertThat(answer(six, rev("2001:db8:c000::1"))).isEmpty();
    assertThat(answer(six, rev("2001:db8:def7:4242:1::1"))).containsExactly("127.0.0.3");
    ZoneSnapshot t6 = load("ip6tset", "2001:db8:0:1\n!2001:db8:0:1::5\n").snapshot();
    assertThat(answer(t6, rev("2001:db8:0:1::6"))).hasSize(1);
    assertThat(answer(t6, rev("2001:db8:0:1::5"))).isEmpty();
    ZoneSnapshot dn =
        load("dnset", ":2:dom $\nexample.com\n*.wild.example\n.both.example\n!ex.both.example\n")
            .snapshot();
    assertThat(answer(dn, "example.com")).containsExactly("127.0.0.2 dom example.com");
    assertThat(answer(dn, "a.example.com")).isEmpty();
    assertThat(answer(dn, "a.b.wild.example")).containsExactly("127.0.0.2 dom wild.example");
    assertThat(answer(dn, "wild.example")).isEmpty();
    assertThat(answer(dn, "both.example")).hasSize(1);
    assertThat(answer(dn, "ex.both.example")).isEmpty();
    assertThat(answer(dn, "z.ex.both.example")).hasSize(1);
    assertThat(answer(dn, "test")).hasSize(1);
    assertThat(answer(dn, "invalid")).isEmpty();
  }

  private static List<String> answerV4(ZoneSnapshot s, int addr) {
    Answers a = new Answers();
    s.lookupV4(addr, a);
    return texts(a);
  }

  /** The query fast path answers every address exactly as the lookup by name does. */
  @Test
  void lookupByAddressAnswersWhatLookupByNameAnswers() throws IOException {
    String v4 =
        ":127.0.0.3:Listed $\n10.2\n!10.2.3.4\n11.1.1.1-11.1.1.3\n10.1.1.1 :5\n"
            + "10.1.1.1 :6:other $\n10.1.1.2 :7:\n127.0.0.1\n!127.0.0.2\n";
    List<ZoneSnapshot> zones =
        List.of(
            load("ip4set", v4).snapshot(),
            load("ip4tset", "10.2.3.4\n127.0.0.1\n11.1.1.1\n").snapshot(),
            load("ip4trie", ":5:t $\n10.0.0.0/8\n10.1.0.0/16 :6:\n!10.1.2.0/24\n").snapshot(),
            load("ip4set", "").snapshot(),
            load(
                    "combined",
                    "$DATASET ip4trie @\n10.0.0.0/8 :4:four\n$DATASET ip6trie @\n2001:db8::/32\n"
                        + "$DATASET ip4set @\n:2:two\n10.1.1.1\n")
                .snapshot());
    List<Integer> addrs = new ArrayList<>();
    for (String ip :
        List.of(
            "10.2.9.9",
            "10.2.3.4",
            "11.1.1.3",
            "11.1.1.4",
            "10.1.1.1",
            "10.1.1.2",
            "10.1.2.3",
            "10.1.9.9",
            "127.0.0.1",
            "127.0.0.2",
            "127.0.0.3",
            "0.0.0.0",
            "255.255.255.255",
            "11.1.1.1")) {
      addrs.add((int) ReverseNames.v4(rev(ip)));
    }
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 2000; i++) {
      addrs.add(r.nextBoolean() ? r.nextInt() : (10 << 24) | r.nextInt(1 << 17));
    }
    for (ZoneSnapshot z : zones) {
      assertThat(z.answersByAddress()).isTrue();
      for (int addr : addrs) {
        String name = IpAddress.ofV4(addr).reversedName();
        assertThat(answerV4(z, addr)).as(name).isEqualTo(answer(z, name));
      }
    }
    // names that a dataset other than an address set may list, or subzones: by name only
    assertThat(load("dnset", "example.com\n").snapshot().answersByAddress()).isFalse();
    assertThat(
            load("combined", "$DATASET ip4set relays @\n192.0.2.10\n")
                .snapshot()
                .answersByAddress())
        .isFalse();
  }

  @Test
  void combinedAttachesDatasetsToSubzones() throws IOException {
    ZoneSnapshot s =
        load(
                "combined",
                """
                $SOA 1h ns1.bl.test hostmaster.bl.test 7 2h 1h 1w 10m
                $DATASET ip4set:proxy proxies @
                :2:proxy $
                192.0.2.10
                $DATASET ip4set relays @
                :3:relay $
                192.0.2.10
                $DATASET dnset names
                spam.example
                """)
            .snapshot();
    assertThat(answer(s, rev("192.0.2.10")))
        .containsExactly("127.0.0.2 proxy Q", "127.0.0.3 relay Q");
    assertThat(answer(s, rev("192.0.2.10") + ".relays")).containsExactly("127.0.0.3 relay Q");
    assertThat(answer(s, "spam.example.names")).hasSize(1);
    assertThat(answer(s, "spam.example")).isEmpty();
    assertThat(s.serial()).isEqualTo(7);
  }

  @Test
  void variablesAndBaseTemplate() throws IOException {
    ZoneSnapshot s =
        load("ip4set", "$1 http://x/bl\n$= See $1?$= ($)\n192.0.2.1 r1\n192.0.2.2 =own $\n")
            .snapshot();
    assertThat(answer(s, rev("192.0.2.1"))).containsExactly("127.0.0.2 See http://x/bl?r1 (Q)");
    assertThat(answer(s, rev("192.0.2.2"))).containsExactly("127.0.0.2 own Q");
  }
}
