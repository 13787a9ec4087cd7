package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.backstop.net.IpAddress;
import org.backstop.zone.ZoneLoader;
import org.backstop.zone.ZoneSpec;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Starts the real rbldnsd and Backstop on the same data files, which use every dataset type and
 * syntax Backstop reads, asks both more than 10,000 questions and requires the same response code
 * and the same A and TXT data for each.
 */
class RbldnsdComparisonIT {

  static final String IP4SET_1 =
      """
      $SOA 1h ns1.bl.test hostmaster.bl.test 0 2h 1h 1w 10m
      $NS 1h ns1.bl.test ns2.bl.test -ns3.bl.test
      $TTL 30m
      $TIMESTAMP 2020:01:01 0
      # a comment
      ; another comment
      :127.0.0.3:Listed $ see http://bl.test/?$
      127.0.0.2
      192.0.2.0/24
      !192.0.2.77
      198.51.100
      203.0.113.10-203.0.113.20
      10.20-10.21
      10.30.0.1-255
      172.16/12
      10.40-10.40.7
      10.41-10.42
      10.43.0-10.43.7
      12.1.2-3
      13.1-13.2.3.4
      192.0.2.5 :5
      192.0.2.6 :6:six $ and $$ dollars
      192.0.2.7 :7:
      192.0.2.8 own text for $
      192.0.2.9 ; a comment after the entry
      100.64.1.1 :127.0.0.9:nine
      $1 http://example.test/lookup
      100.64.1.2 :10:see $1?ip=$
      100.64.1.3 :11
      100.64.1.3 :12:twelve
      bad.line
      300.1.1.1
      10.50.1.2/24
      """;

  static final String IP4SET_2 =
      """
      :2:second file $
      100.64.2.0/24
      !100.64.2.128
      100.64.3.3
      #$NS 1h ignored.bl.test
      """;

  static final String IP4TSET =
      """
      :127.0.0.4:trivial $
      127.0.0.2
      192.0.2.1
      192.0.2.3
      198.51.100.7
      203.0.113.200
      """;

  static final String IP4TRIE =
      """
      :127.0.0.5:trie $
      127.0.0.2
      10.0.0.0/8
      10.1.0.0/16 :6:
      !10.1.2.0/24
      10.1.2.3 :7:deep $
      10.1.0.0/16 :8:duplicate ignored
      192.0.2.128/25
      192.0.2.200/29 :9:small
      !192.0.2.203
      198.51.100.17/32
      """;

  static final String IP6TRIE =
      """
      :127.0.1.2:v6 $
      2001:db8:c000/36
      2001:db8:def7:4242 :127.0.1.3:smells funny
      2001:db8:42::/52
      !2001:db8:42::bead
      2001:db8:ffff::1
      ::ffff:127.0.0.2
      """;

  static final String IP6TSET =
      """
      :127.0.2.2:v6 trivial $
      2001:db8:0:1
      2001:db8:0:2
      !2001:db8:0:1::5
      !2001:db8:0:2:0:0:0:6
      """;

  static final String DNSET =
      """
      :127.0.0.2:domain $ listed
      example.com
      *.wild.example
      .both.example
      !ex.both.example
      x.example.com :3:special $
      y.example.com :4:
      !*.no.both.example
      test
      """;

  static final String COMBINED =
      """
      $NS 1h ns1.combo.test
      $SOA 1h ns1.combo.test hostmaster.combo.test 7 2h 1h 1w 10m
      $DATASET ip4set:proxy proxies @
      :2:Open proxy, see http://combo.test/proxy/$
      127.0.0.2
      192.0.2.10
      192.0.2.11
      $DATASET ip4set:relay relays @
      :3:Open relay $
      127.0.0.2
      192.0.2.10
      198.51.100.0/24
      $DATASET dnset:names names
      :4:name $
      spam.example
      """;

  record Zone(String origin, String type, String file, List<String> names) {}

  private final Random random = new Random(20261128);

  private static String rev4(String ip) {
    return IpAddress.parse(ip).reversedName();
  }

  private List<String> ip4Names(int count, String... prefixes) {
    List<String> out = new ArrayList<>();
    String[] fixed = {
      "127.0.0.2",
      "192.0.2.0",
      "192.0.2.5",
      "192.0.2.6",
      "192.0.2.7",
      "192.0.2.8",
      "192.0.2.9",
      "192.0.2.77",
      "192.0.2.255",
      "198.51.100.1",
      "203.0.113.9",
      "203.0.113.10",
      "203.0.113.20",
      "203.0.113.21",
      "10.20.0.0",
      "10.21.255.255",
      "10.22.0.0",
      "10.30.0.0",
      "10.30.0.1",
      "10.30.0.255",
      "172.15.255.255",
      "172.16.0.0",
      "172.31.255.255",
      "172.32.0.0",
      "10.40.7.255",
      "10.40.8.0",
      "10.42.255.255",
      "10.43.7.9",
      "12.1.3.3",
      "12.1.4.0",
      "13.1.0.0",
      "100.64.1.1",
      "100.64.1.2",
      "100.64.1.3",
      "100.64.2.1",
      "100.64.2.128",
      "100.64.3.3",
      "10.50.1.2",
      "10.1.2.3",
      "10.1.2.4",
      "10.1.3.1",
      "10.2.0.1",
      "192.0.2.128",
      "192.0.2.200",
      "192.0.2.203",
      "192.0.2.207",
      "198.51.100.17",
      "192.0.2.10",
      "192.0.2.11",
      "198.51.100.99",
      "8.8.8.8"
    };
    for (String f : fixed) {
      out.add(rev4(f));
    }
    while (out.size() < count) {
      String p = prefixes[random.nextInt(prefixes.length)];
      StringBuilder sb = new StringBuilder(p);
      for (int i = p.split("\\.").length; i < 4; i++) {
        sb.append('.').append(random.nextInt(256));
      }
      out.add(rev4(sb.toString()));
    }
    return out;
  }

  private List<String> ip6Names(int count) {
    List<String> out = new ArrayList<>();
    String[] fixed = {
      "2001:db8:c000::1", "2001:db8:cfff:ffff::1", "2001:db8:d000::", "2001:db8:def7:4242::9",
      "2001:db8:42::bead", "2001:db8:42::beef", "2001:db8:42:fff::1", "2001:db8:42:1000::1",
      "2001:db8:ffff::1", "2001:db8:ffff::2", "2001:db8:0:1::5", "2001:db8:0:1::6",
      "2001:db8:0:2::6", "2001:db8:0:3::1", "::ffff:127.0.0.3"
    };
    for (String f : fixed) {
      out.add(IpAddress.parse(f).reversedName());
    }
    String[] bases = {
      "2001:db8:c", "2001:db8:def7:4242", "2001:db8:42", "2001:db8:0:1", "2001:db8:0:2"
    };
    while (out.size() < count) {
      String b = bases[random.nextInt(bases.length)];
      long hi = IpAddress.parse(pad(b)).hi();
      long lo = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(64);
      if (random.nextBoolean()) {
        hi ^= random.nextInt(16) << 8;
      }
      out.add(IpAddress.ofV6(hi, lo).reversedName());
    }
    return out;
  }

  private static String pad(String partial) {
    int groups = partial.split(":").length;
    return groups >= 8 ? partial : partial + (groups == 7 ? ":0" : "::");
  }

  private List<String> domainNames(int count) {
    String[] bases = {
      "example.com", "x.example.com", "y.example.com", "z.example.com", "wild.example",
      "a.wild.example", "a.b.wild.example", "both.example", "q.both.example", "ex.both.example",
      "z.ex.both.example", "no.both.example", "a.no.both.example", "other.example", "com"
    };
    List<String> out = new ArrayList<>(List.of(bases));
    while (out.size() < count) {
      String b = bases[random.nextInt(bases.length)];
      out.add("h" + random.nextInt(1000) + "." + b);
    }
    return out;
  }

  @Test
  void answersLikeRbldnsd() throws Exception {
    String rbldnsd = Peers.require("rbldnsd", "rbldnsd");
    Path dir = Peers.worldReadableDir("rbldnsd-cmp");
    Peers.writeReadable(dir.resolve("ip4set-1.txt"), IP4SET_1);
    Peers.writeReadable(dir.resolve("ip4set-2.txt"), IP4SET_2);
    Peers.writeReadable(dir.resolve("ip4tset.txt"), IP4TSET);
    Peers.writeReadable(dir.resolve("ip4trie.txt"), IP4TRIE);
    Peers.writeReadable(dir.resolve("ip6trie.txt"), IP6TRIE);
    Peers.writeReadable(dir.resolve("ip6tset.txt"), IP6TSET);
    Peers.writeReadable(dir.resolve("dnset.txt"), DNSET);
    Peers.writeReadable(dir.resolve("combined.txt"), COMBINED);
    String p = dir + "/";
    List<String> zoneArgs =
        List.of(
            "bl.test:ip4set:" + p + "ip4set-1.txt," + p + "ip4set-2.txt",
            "t.test:ip4tset:" + p + "ip4tset.txt",
            "trie.test:ip4trie:" + p + "ip4trie.txt",
            "six.test:ip6trie:" + p + "ip6trie.txt",
            "sixt.test:ip6tset:" + p + "ip6tset.txt",
            "dom.test:dnset:" + p + "dnset.txt",
            "combo.test:combined:" + p + "combined.txt",
            "multi.test:ip4tset:" + p + "ip4tset.txt",
            "multi.test:ip4trie:" + p + "ip4trie.txt");

    List<String[]> questions = new ArrayList<>(); // name, zone
    String[] v4prefixes = {
      "192.0.2",
      "198.51.100",
      "203.0.113",
      "10.20",
      "10.22",
      "10.30.0",
      "172.20",
      "10.40",
      "100.64.1",
      "100.64.2",
      "10.1",
      "10.1.2",
      "127.0.0"
    };
    for (String zone : List.of("bl.test", "t.test", "trie.test", "multi.test")) {
      for (String n : ip4Names(700, v4prefixes)) {
        questions.add(new String[] {n + "." + zone + ".", zone});
      }
    }
    for (String sub : List.of("", "proxies.", "relays.")) {
      for (String n : ip4Names(400, v4prefixes)) {
        questions.add(new String[] {n + "." + sub + "combo.test.", "combo.test"});
      }
    }
    for (String n : domainNames(100)) {
      questions.add(new String[] {n + ".names.combo.test.", "combo.test"});
    }
    for (String zone : List.of("six.test", "sixt.test")) {
      for (String n : ip6Names(700)) {
        questions.add(new String[] {n + "." + zone + ".", zone});
      }
    }
    for (String n : domainNames(700)) {
      questions.add(new String[] {n + ".dom.test.", "dom.test"});
    }
    for (String z : List.of("bl.test", "combo.test")) {
      questions.add(new String[] {"0.0.127." + z + ".", z}); // partial address
      questions.add(new String[] {"foo." + z + ".", z});
    }

    int rPort = Peers.freePort();
    List<String> cmd = Peers.command(rbldnsd, "-n", "-b", "127.0.0.1/" + rPort);
    cmd.addAll(zoneArgs);
    Process r =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("rbldnsd.log").toFile())
            .start();
    ZoneRegistry registry = new ZoneRegistry();
    ZoneWatcher watcher =
        new ZoneWatcher(
            ZoneSpec.parse(zoneArgs), new ZoneLoader(Clock.systemUTC()), registry::publish);
    watcher.loadAll();
    try (DnsServer ours =
        DnsServer.start(
            DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 0)),
            registry,
            QueryHandler.QueryListener.NONE)) {
      SimpleResolver theirs = Peers.resolver(rPort);
      SimpleResolver mine = Peers.resolver(ours.address().getPort());
      Peers.ask(theirs, "2.0.0.127.bl.test.", Type.A, Duration.ofSeconds(20));
      int asked = 0;
      List<String> differences = new ArrayList<>();
      for (String[] q : questions) {
        for (int type : new int[] {Type.A, Type.TXT}) {
          String expected = summary(Peers.ask(theirs, q[0], type, Duration.ofSeconds(5)), type);
          String actual = summary(Peers.ask(mine, q[0], type, Duration.ofSeconds(5)), type);
          asked++;
          if (!expected.equals(actual) && differences.size() < 30) {
            differences.add(
                q[0] + " " + Type.string(type) + ": rbldnsd " + expected + " / backstop " + actual);
          }
        }
      }
      assertThat(asked).isGreaterThanOrEqualTo(10_000);
      assertThat(differences).isEmpty();
    } finally {
      watcher.close();
      Peers.stop(r);
    }
  }

  /** Response code and the sorted A or TXT data of the answer section. */
  static String summary(Message m, int type) {
    TreeSet<String> data = new TreeSet<>();
    for (Record rec : m.getSection(Section.ANSWER)) {
      if (rec.getType() == Type.TXT) {
        data.add("TXT " + String.join("", ((TXTRecord) rec).getStrings()));
      } else if (rec.getType() == type) {
        data.add(Type.string(rec.getType()) + " " + rec.rdataToString());
      }
    }
    return org.xbill.DNS.Rcode.string(m.getRcode()) + " " + data;
  }
}
