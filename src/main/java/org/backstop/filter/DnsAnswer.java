package org.backstop.filter;

import java.util.List;
import org.backstop.net.IpAddress;

/**
 * The A records a DNSBL returned for one name, empty when not listed (NXDOMAIN or no data).
 *
 * @param addresses the answers
 * @param ttlSeconds how long the answer may be cached
 */
public record DnsAnswer(List<IpAddress> addresses, long ttlSeconds) {
  public DnsAnswer {
    addresses = List.copyOf(addresses);
  }
}
