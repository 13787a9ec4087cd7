package org.backstop.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.backstop.net.IpAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Test DNS data: records by name, plus per-suffix behaviour (delay, SERVFAIL, REFUSED, wildcard
 * answers). Answers questions as an authoritative server would (RFC 1035 section 4.3.2): the
 * records of the asked type, NOERROR with no answer when the name has other types, else NXDOMAIN.
 * Thread-safe so tests can change listings while a server runs.
 */
final class FixtureZones {

  private static final long TTL = 60;

  private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
  private final Map<Name, Duration> delays = new ConcurrentHashMap<>();
  private final Map<Name, Integer> rcodes = new ConcurrentHashMap<>();
  private final Map<Name, IpAddress> wildcards = new ConcurrentHashMap<>();
  final AtomicInteger questions = new AtomicInteger();

  static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static InetAddress inet(String ip) {
    try {
      return InetAddress.getByAddress(IpAddress.parse(ip).bytes());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  FixtureZones add(Record r) {
    records.computeIfAbsent(r.getName(), n -> new CopyOnWriteArrayList<>()).add(r);
    return this;
  }

  FixtureZones remove(String name) {
    records.remove(name(name));
    return this;
  }

  FixtureZones a(String host, String ip) {
    IpAddress a = IpAddress.parse(ip);
    return add(
        a.isV4()
            ? new ARecord(name(host), DClass.IN, TTL, inet(ip))
            : new AAAARecord(name(host), DClass.IN, TTL, inet(ip)));
  }

  /** A TXT record; strings longer than 255 octets are split, as DKIM keys are published. */
  FixtureZones txt(String host, String... strings) {
    List<String> parts = new java.util.ArrayList<>();
    for (String s : strings) {
      for (int i = 0; i < s.length(); i += 255) {
        parts.add(s.substring(i, Math.min(s.length(), i + 255)));
      }
    }
    return add(new TXTRecord(name(host), DClass.IN, TTL, parts));
  }

  FixtureZones mx(String domain, int pref, String host) {
    return add(new MXRecord(name(domain), DClass.IN, TTL, pref, name(host)));
  }

  FixtureZones ptr(String ip, String host) {
    return add(new PTRRecord(ReverseMap.fromAddress(inet(ip)), DClass.IN, TTL, name(host)));
  }

  /** Lists an address or domain in a blocklist zone with an answer code and optional TXT. */
  FixtureZones listed(String zone, String target, String code, String txt) {
    String q = DnsblChecker.testName(target, DnsblList.custom(zone));
    a(q, code);
    if (txt != null) {
      txt(q, txt);
    }
    return this;
  }

  /** Makes a zone RFC 5782 section 5 compliant: 127.0.0.2, ::ffff:7f00:2 and TEST listed. */
  FixtureZones testPoints(String zone) {
    listed(zone, "127.0.0.2", "127.0.0.2", "test point");
    listed(zone, "::ffff:7f00:2", "127.0.0.2", "test point");
    return listed(zone, "test", "127.0.0.2", "test point");
  }

  /** Every name under the zone answers with {@code code}: a broken list that lists everything. */
  FixtureZones wildcard(String zone, String code) {
    wildcards.put(name(zone), IpAddress.parse(code));
    return this;
  }

  FixtureZones delay(String suffix, Duration d) {
    delays.put(name(suffix), d);
    return this;
  }

  FixtureZones rcode(String suffix, int rcode) {
    rcodes.put(name(suffix), rcode);
    return this;
  }

  /** How long to wait before answering a question for {@code qname}. */
  Duration delayFor(Name qname) {
    for (Map.Entry<Name, Duration> e : delays.entrySet()) {
      if (qname.subdomain(e.getKey())) {
        return e.getValue();
      }
    }
    return Duration.ZERO;
  }

  /** The answer to a query, or null when the query should be dropped (a timeout). */
  Message answer(Message query) {
    questions.incrementAndGet();
    Record q = query.getQuestion();
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    if (query.getHeader().getFlag(Flags.RD)) {
      m.getHeader().setFlag(Flags.RD);
    }
    m.addRecord(q, Section.QUESTION);
    Name qname = q.getName();
    for (Map.Entry<Name, Integer> e : rcodes.entrySet()) {
      if (qname.subdomain(e.getKey())) {
        if (e.getValue() < 0) {
          return null;
        }
        m.getHeader().setRcode(e.getValue());
        return m;
      }
    }
    List<Record> rs = records.get(qname);
    if (rs == null) {
      for (Map.Entry<Name, IpAddress> e : wildcards.entrySet()) {
        if (qname.subdomain(e.getKey()) && !qname.equals(e.getKey())) {
          if (q.getType() == Type.A) {
            m.addRecord(
                new ARecord(qname, DClass.IN, TTL, inet(e.getValue().toString())), Section.ANSWER);
          }
          return m;
        }
      }
      m.getHeader().setRcode(Rcode.NXDOMAIN);
      return m;
    }
    for (Record r : rs) {
      if (r.getType() == q.getType() || q.getType() == Type.ANY) {
        m.addRecord(r, Section.ANSWER);
      }
    }
    return m;
  }

  /** A stand-in rcode meaning "drop the query" so the client times out. */
  static final int DROP = -1;
}
