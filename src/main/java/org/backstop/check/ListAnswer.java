package org.backstop.check;

import java.util.ArrayList;
import java.util.List;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.xbill.DNS.Rcode;

/**
 * What one DNS response from a blocklist means (RFC 5782 section 2.1 and 2.3): NXDOMAIN is clean,
 * an A record in 127.0.0.0/8 is a listing unless the list documents it as a refusal code.
 */
record ListAnswer(ListStatus status, List<String> codes, List<String> meanings, String detail) {

  private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");

  static ListAnswer classify(DnsblList list, DnsResponse r) {
    if (r.rcode() == Rcode.NXDOMAIN) {
      return clean();
    }
    if (r.rcode() == Rcode.REFUSED) {
      return new ListAnswer(
          ListStatus.REFUSED, List.of(), List.of(), "the DNS server refused the query (REFUSED)");
    }
    if (r.rcode() != Rcode.NOERROR) {
      return error("DNS error " + Rcode.string(r.rcode()));
    }
    List<IpAddress> addrs = r.addresses();
    if (addrs.isEmpty()) {
      return clean();
    }
    List<String> codes = addrs.stream().map(IpAddress::toString).toList();
    for (IpAddress a : addrs) {
      String why = list.refusal(a);
      if (why != null) {
        return new ListAnswer(ListStatus.REFUSED, codes, List.of(why), why);
      }
    }
    for (IpAddress a : addrs) {
      if (!LOOPBACK.contains(a)) {
        return new ListAnswer(
            ListStatus.ERROR,
            codes,
            List.of(),
            "answer "
                + a
                + " is outside 127.0.0.0/8: the resolver rewrites NXDOMAIN or the zone is gone");
      }
    }
    List<String> meanings = new ArrayList<>();
    for (IpAddress a : addrs) {
      meanings.add(list.meaning(a));
    }
    return new ListAnswer(ListStatus.LISTED, codes, meanings, null);
  }

  static ListAnswer clean() {
    return new ListAnswer(ListStatus.CLEAN, List.of(), List.of(), null);
  }

  static ListAnswer error(String detail) {
    return new ListAnswer(ListStatus.ERROR, List.of(), List.of(), detail);
  }
}
