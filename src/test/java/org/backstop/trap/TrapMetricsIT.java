package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrapMetricsIT {
  @TempDir Path tmp;

  @Test
  void countersAppearInThePrometheusScrape() throws Exception {
    TrapConfig config =
        TrapConfig.builder(tmp)
            .listen(new InetSocketAddress("127.0.0.1", 0))
            .trapDomains(List.of("trap.example"))
            .build();
    RecordingSink sink = new RecordingSink();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (TrapServer server = new TrapServer(config, sink, Clock.systemUTC()).start()) {
      server.bindTo(registry);
      Swaks.Result r = Swaks.run(server.port(), "--from", "<>", "--to", "t@trap.example");
      assertThat(r.exit()).as(r.output()).isZero();
      Swaks.Result refused = Swaks.run(server.port(), "--to", "v@elsewhere.example");
      assertThat(refused.exit()).isNotZero();
      sink.next();
      assertThat(server.awaitHandedOver(Duration.ofSeconds(10))).isTrue();
      String scrape = registry.scrape();
      assertThat(scrape)
          .contains("backstop_trap_messages_total 1.0")
          .contains("backstop_trap_refused_recipients_total 1.0")
          .contains("backstop_trap_handed_over_total 1.0")
          .contains("backstop_trap_sessions ");
    }
  }
}
