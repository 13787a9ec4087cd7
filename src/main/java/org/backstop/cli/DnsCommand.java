package org.backstop.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.backstop.dns.DnsMetrics;
import org.backstop.dns.DnsServer;
import org.backstop.dns.DnsServerConfig;
import org.backstop.dns.MetricsEndpoint;
import org.backstop.dns.QueryHandler;
import org.backstop.dns.ZoneRegistry;
import org.backstop.dns.ZoneWatcher;
import org.backstop.net.Cidr;
import org.backstop.zone.ZoneLoader;
import org.backstop.zone.ZoneSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstop dns}: serves DNSBL zones from rbldnsd data files until stopped. */
@Command(
    name = "dns",
    mixinStandardHelpOptions = true,
    description = {
      "Serves DNSBL zones (RFC 5782) from rbldnsd data files over UDP and TCP.",
      "Zones are given as rbldnsd does: ZONE:TYPE:FILE[,FILE...], TYPE one of ip4set, ip4tset,",
      "ip4trie, ip6trie, ip6tset, dnset, combined. Files are reloaded when they change and on",
      "SIGHUP."
    })
public final class DnsCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(DnsCommand.class);

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:5353",
      description = "Address and port for UDP and TCP (default ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "UDP threads (default 0: one per CPU).")
  int threads;

  @Option(
      names = "--udp",
      defaultValue = "auto",
      description =
          "UDP transport: epoll (Linux; batched recvmmsg/sendmmsg), nio (the JDK's), or auto"
              + " (epoll where it loads; default).")
  String udp;

  @Option(
      names = "--check",
      defaultValue = "10",
      description = "Seconds between data file checks; 0 disables (default ${DEFAULT-VALUE}).")
  long check;

  @Option(
      names = "--ttl",
      defaultValue = "2100",
      description = "Default TTL in seconds when the data has no $TTL (default ${DEFAULT-VALUE}).")
  int ttl;

  @Option(names = "--metrics", description = "ADDR:PORT for Prometheus metrics at /metrics.")
  String metrics;

  @Option(
      names = "--axfr-allow",
      split = ",",
      description = "Networks allowed to transfer zones by AXFR, e.g. 127.0.0.1/32,10.0.0.0/8.")
  List<String> axfrAllow = new ArrayList<>();

  @Option(
      names = "--notify",
      split = ",",
      description = "Secondaries (ADDR:PORT) sent NOTIFY when a zone's serial changes.")
  List<String> notify = new ArrayList<>();

  @Parameters(arity = "1..*", paramLabel = "ZONE:TYPE:FILE[,FILE...]", description = "Zones.")
  List<String> zones;

  @Override
  public Integer call() throws Exception {
    List<ZoneSpec> specs;
    List<Cidr> allow = new ArrayList<>();
    List<InetSocketAddress> secondaries = new ArrayList<>();
    try {
      specs = ZoneSpec.parse(zones);
      for (String c : axfrAllow) {
        allow.add(Cidr.parse(c));
      }
      for (String n : notify) {
        secondaries.add(HostPort.parse(n, 53));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("dns: " + e.getMessage());
      return 2;
    }
    DnsServerConfig.UdpTransport transport;
    try {
      transport = DnsServerConfig.UdpTransport.valueOf(udp.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("dns: --udp must be auto, epoll or nio, not " + udp);
      return 2;
    }
    DnsServerConfig config =
        DnsServerConfig.of(HostPort.parse(listen, 53))
            .withUdpThreads(threads)
            .withUdpTransport(transport)
            .withTransfer(allow, secondaries);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    QueryHandler.QueryListener listener =
        metrics == null ? QueryHandler.QueryListener.NONE : new DnsMetrics(registry);
    ZoneRegistry registryOfZones = new ZoneRegistry();
    AtomicReference<DnsServer> running = new AtomicReference<>();
    // before the server runs, loads go straight to the registry; later ones through the server,
    // so that NOTIFY follows a serial change
    ZoneWatcher live =
        new ZoneWatcher(
            specs,
            new ZoneLoader(Clock.systemUTC(), ttl),
            snap -> {
              DnsServer s = running.get();
              if (s == null) {
                registryOfZones.publish(snap);
              } else {
                s.publish(snap);
              }
              // the old snapshot and the parse's temporary arrays are garbage now: collect them
              // so the heap (and the resident memory) shrinks back to the data actually served
              System.gc();
            });
    live.loadAll(); // load before listening, so the first answer already comes from the data
    DnsServer server = DnsServer.start(config, registryOfZones, listener);
    running.set(server);
    live.start(check);
    MetricsEndpoint endpoint =
        metrics == null ? null : new MetricsEndpoint(HostPort.parse(metrics, 9153), registry);
    if (endpoint != null) {
      log.info(
          "metrics at http://{}:{}/metrics",
          endpoint.address().getHostString(),
          endpoint.address().getPort());
    }
    Signals.onHangup(live::reloadAll);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  live.close();
                  server.close();
                  if (endpoint != null) {
                    endpoint.close();
                  }
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }
}
