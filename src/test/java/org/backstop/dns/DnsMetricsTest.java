package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.backstop.net.Cidr;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class DnsMetricsTest {
  @Test
  void countsPerZoneAndResponseCodeInPrometheusText() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ZoneRegistry zones = new ZoneRegistry();
    zones.publish(
        ZoneSnapshot.builder("bl.test").add(Cidr.parse("192.0.2.1"), Value.DEFAULT).build());
    QueryHandler h = new QueryHandler(zones, new DnsMetrics(registry), Clock.systemUTC());
    for (String n :
        new String[] {
          "1.2.0.192.bl.test.", "9.2.0.192.bl.test.", "9.2.0.192.bl.test.", "example.com."
        }) {
      byte[] q = Message.newQuery(Record.newRecord(Name.fromString(n), Type.A, DClass.IN)).toWire();
      h.handle(q, q.length, new byte[65536], false);
    }
    String text = registry.scrape();
    assertThat(text).contains("backstop_dns_queries_total{rcode=\"NOERROR\",zone=\"bl.test\"} 1.0");
    assertThat(text)
        .contains("backstop_dns_queries_total{rcode=\"NXDOMAIN\",zone=\"bl.test\"} 2.0");
    assertThat(text).contains("backstop_dns_queries_total{rcode=\"REFUSED\",zone=\"-\"} 1.0");
  }
}
