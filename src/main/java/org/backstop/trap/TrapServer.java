package org.backstop.trap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.proxy.ProxyHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * The spam-trap SMTP server (RFC 5321) on subethasmtp: accepts mail for the trap domains only,
 * spools each message durably before answering 250, and hands it to a {@link TrapSink}. Start it
 * with {@link #start()}, stop it with {@link #close()}; on start it replays whatever a previous run
 * left in the spool.
 */
public final class TrapServer implements AutoCloseable, MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(TrapServer.class);
  private static final String SOFTWARE = "Backstop trap";

  /** Running totals since start. */
  public record Stats(
      long messages,
      long callouts,
      long refusedRecipients,
      long oversize,
      long handedOver,
      long sinkFailures) {}

  private final TrapConfig config;
  private final TrapSink sink;
  private final Clock clock;
  private final TrapCounters counters = new TrapCounters();
  private final SessionGate gate;
  private final Spool.Fsyncs fsyncs;
  private Spool spool;
  private Courier courier;
  private SMTPServer smtp;
  private java.util.concurrent.ScheduledExecutorService reaper;
  private boolean stopped;

  public TrapServer(TrapConfig config, TrapSink sink, Clock clock) {
    this(config, sink, clock, new Spool.Fsyncs());
  }

  /** With chosen fsyncs, so tests can observe when they happen. */
  TrapServer(TrapConfig config, TrapSink sink, Clock clock, Spool.Fsyncs fsyncs) {
    this.fsyncs = fsyncs;
    this.config = config;
    this.sink = sink;
    this.clock = clock;
    this.gate = new SessionGate(config.maxConnectionsPerIp(), config.trustedNetworks());
  }

  /** Replays the spool, then binds and starts accepting sessions. */
  public synchronized TrapServer start() throws IOException {
    if (smtp != null) {
      throw new IllegalStateException("already started");
    }
    spool = openSpool(config, fsyncs);
    if (spool.debris() > 0) {
      log.info("removed {} half-written files from the trap spool", spool.debris());
    }
    if (spool.recovered() > 0) {
      log.info("{} deliveries in the trap spool are handed over again", spool.recovered());
    }
    int upgraded = moveLegacySpoolFiles(spool, config);
    if (upgraded > 0) {
      log.info("{} spool files of the earlier format moved into the spool log", upgraded);
    }
    courier = new Courier(spool, sink, config.sinkThreads(), config.retryInterval());
    courier.start();

    var context =
        new TrapMessageHandler.Context(
            new TrapRecipients(config.trapDomains(), config.trapAddresses()),
            spool,
            courier,
            clock,
            config.maxMessageBytes(),
            counters);
    AtomicLong threads = new AtomicLong();
    // Bounded: at most one thread per admitted session, and the library caps sessions.
    var pool =
        new ThreadPoolExecutor(
            0,
            config.maxConnections() + 10,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "trap-smtp-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    smtp =
        SMTPServer.port(config.listen().getPort())
            .bindAddress(config.listen().getAddress())
            .hostName(config.hostname())
            .softwareName(SOFTWARE)
            .executorService(pool)
            .maxConnections(config.maxConnections())
            .connectionTimeoutMs((int) config.idleTimeout().toMillis())
            .maxRecipients(config.maxRecipients())
            .maxMessageSize(config.maxMessageBytes())
            .insertReceivedHeaders(false) // keep the evidence byte for byte as it arrived
            .fromAddressValidator(TrapServer::plausibleSender)
            .sessionHandler(gate)
            .proxyHandler(config.proxyProtocol() ? new TrustedProxyHandler(gate) : ProxyHandler.NOP)
            .messageHandlerFactory(
                mc -> new TrapMessageHandler(context, (Session) mc, gate.state((Session) mc)))
            .build();
    TrapCommands.install(
        smtp.getCommandHandler(), gate, "220 " + config.hostname() + " ESMTP " + SOFTWARE);
    try {
      smtp.start();
    } catch (RuntimeException e) {
      courier.close(Duration.ZERO);
      spool.close();
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
    long every = Math.max(50, Math.min(config.maxSessionTime().toMillis() / 4, 10_000));
    reaper =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "trap-session-reaper");
              t.setDaemon(true);
              return t;
            });
    reaper.scheduleWithFixedDelay(
        () -> {
          int n = gate.reap(config.maxSessionTime());
          if (n > 0) {
            log.info("closed {} SMTP sessions older than {}", n, config.maxSessionTime());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    log.info(
        "trap listening on {}:{} for {} {}",
        config.listen().getAddress().getHostAddress(),
        port(),
        config.trapDomains(),
        config.trapAddresses());
    return this;
  }

  private static int moveLegacySpoolFiles(Spool spool, TrapConfig config) {
    try {
      return LegacySpoolFiles.moveInto(spool, config.spoolDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the trap spool " + config.spoolDir(), e);
    }
  }

  private static Spool openSpool(TrapConfig config, Spool.Fsyncs fsyncs) {
    try {
      return new Spool(config.spoolDir(), fsyncs, Spool.DEFAULT_SEGMENT_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the trap spool " + config.spoolDir(), e);
    }
  }

  /**
   * Lenient MAIL FROM check: backscatter comes from broken servers, so take any sender that is
   * printable, bounded and has no spaces; the null sender is empty.
   */
  static boolean plausibleSender(String s) {
    return s.length() <= 512 && s.chars().allMatch(c -> c > 0x20 && c != 0x7f);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return smtp.getPortAllocated();
  }

  public TrapConfig config() {
    return config;
  }

  public Stats stats() {
    return new Stats(
        counters.messages.get(),
        counters.callouts.get(),
        counters.refusedRecipients.get(),
        counters.oversize.get(),
        courier == null ? 0 : courier.handedOver(),
        courier == null ? 0 : courier.failures());
  }

  /** Registers the trap's counters ({@code backstop_trap_*}) with a Micrometer registry. */
  @Override
  public void bindTo(MeterRegistry registry) {
    // The server itself is the meters' state: the registry holds it weakly, like any binder.
    counter(registry, "messages", "messages spooled and answered 250", Stats::messages);
    counter(registry, "callouts", "sender callouts detected", Stats::callouts);
    counter(registry, "refused.recipients", "recipients refused", Stats::refusedRecipients);
    counter(registry, "oversize", "messages refused for size", Stats::oversize);
    counter(registry, "handed.over", "deliveries the sink accepted", Stats::handedOver);
    counter(registry, "sink.failures", "hand-overs the sink refused", Stats::sinkFailures);
    Gauge.builder("backstop.trap.sessions", gate, SessionGate::active)
        .description("SMTP sessions open now")
        .register(registry);
  }

  private void counter(MeterRegistry r, String name, String help, ToLongFunction<Stats> f) {
    FunctionCounter.builder("backstop.trap." + name, this, t -> f.applyAsLong(t.stats()))
        .description(help)
        .register(r);
  }

  /**
   * Waits until every spooled delivery has been handed over (or refused), for tests; a spool with
   * nothing left in it is then deleted at once rather than when the courier next finds it idle.
   */
  public boolean awaitHandedOver(Duration timeout) throws InterruptedException {
    boolean idle = courier.awaitIdle(timeout);
    if (idle) {
      spool.rollIfIdle();
    }
    return idle;
  }

  /**
   * Graceful stop: new sessions get 421, sessions in progress get {@code shutdownGrace} to finish,
   * then the rest are closed (nothing they had was acknowledged, so nothing is lost) and the
   * courier stops; undelivered mail stays in the spool for the next start.
   */
  @Override
  public synchronized void close() {
    if (smtp == null || stopped) {
      return;
    }
    stopped = true;
    gate.drain();
    reaper.shutdownNow();
    long end = System.nanoTime() + config.shutdownGrace().toNanos();
    while (gate.active() > 0 && System.nanoTime() < end) {
      try {
        Thread.sleep(20); // shutdown only: poll the session count
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    smtp.stop();
    courier.close(config.shutdownGrace());
    spool.close();
    log.info("trap stopped");
  }
}
