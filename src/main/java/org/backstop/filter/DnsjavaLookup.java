package org.backstop.filter;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.backstop.net.IpAddress;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** DNSBL queries through dnsjava's asynchronous resolver. */
public final class DnsjavaLookup implements DnsLookup {
  /** How long a negative answer is kept when the server gives no SOA minimum. */
  static final long NEGATIVE_TTL = 300;

  private final Resolver resolver;

  private DnsjavaLookup(Resolver resolver) {
    this.resolver = resolver;
  }

  /** Queries one server, e.g. a local rbldnsd or caching resolver at 127.0.0.1:53. */
  public static DnsjavaLookup server(InetSocketAddress server, Duration timeout) {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(timeout);
    return new DnsjavaLookup(r);
  }

  /** Queries the system's resolvers (/etc/resolv.conf). */
  public static DnsjavaLookup system(Duration timeout) {
    ExtendedResolver r = new ExtendedResolver();
    r.setTimeout(timeout);
    return new DnsjavaLookup(r);
  }

  @Override
  public CompletionStage<DnsAnswer> lookupA(String name) {
    Message query;
    try {
      query =
          Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
    } catch (TextParseException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    return resolver.sendAsync(query).thenApply(DnsjavaLookup::answer);
  }

  private static DnsAnswer answer(Message m) {
    int rcode = m.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return new DnsAnswer(List.of(), NEGATIVE_TTL);
    }
    if (rcode != Rcode.NOERROR) {
      throw new CompletionException(new UnknownHostException("DNS " + Rcode.string(rcode)));
    }
    List<IpAddress> out = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r instanceof ARecord a) {
        out.add(IpAddress.ofBytes(a.getAddress().getAddress()));
        ttl = Math.min(ttl, r.getTTL());
      }
    }
    return new DnsAnswer(out, out.isEmpty() ? NEGATIVE_TTL : ttl);
  }
}
