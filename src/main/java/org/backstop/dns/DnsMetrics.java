package org.backstop.dns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts answered queries per zone and response code as {@code backstop_dns_queries_total}
 * (Micrometer; Prometheus text through the registry). Counters are cached so the fast path does one
 * map lookup per query.
 */
public final class DnsMetrics implements QueryHandler.QueryListener {
  private static final String[] RCODES = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"
  };
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Counter[]> counters = new ConcurrentHashMap<>();

  public DnsMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void answered(String zone, int rcode) {
    Counter[] cs = counters.computeIfAbsent(zone, z -> new Counter[17]);
    int i = Math.min(rcode, 16);
    Counter c = cs[i];
    if (c == null) {
      String name =
          rcode < RCODES.length ? RCODES[rcode] : rcode == 16 ? "BADVERS" : "RCODE" + rcode;
      c =
          Counter.builder("backstop.dns.queries")
              .description("DNS queries answered, by zone and response code")
              .tag("zone", zone)
              .tag("rcode", name)
              .register(registry);
      cs[i] = c;
    }
    c.increment();
  }
}
