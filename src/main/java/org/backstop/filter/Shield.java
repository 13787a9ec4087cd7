package org.backstop.filter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.backstop.mail.BounceAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running mail shield: the policy server and the milter sharing one configuration, sent ledger
 * and DNSBL cache, plus hourly ledger housekeeping that logs and never dies.
 */
public final class Shield implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Shield.class);

  /** Postfix's default_process_limit is 100 smtpd processes, each holding one connection. */
  public static final int MAX_CONNECTIONS = 256;

  private final PolicyServer policy;
  private final MilterServer milter;
  private final SentLedger ledger;
  private final ScheduledExecutorService housekeeping;

  /**
   * Starts both servers.
   *
   * @param dnsblSites postscreen-style DNSBL sites, may be empty
   * @param retention how long the sent ledger remembers a message
   */
  public Shield(
      ShieldConfig config,
      SentLedger ledger,
      List<DnsblSite> dnsblSites,
      DnsLookup dns,
      InetSocketAddress policyBind,
      InetSocketAddress milterBind,
      Duration retention,
      Clock clock)
      throws IOException {
    this(
        config,
        ledger,
        dnsblSites,
        dns,
        policyBind,
        milterBind,
        retention,
        clock,
        ShieldMetrics.none());
  }

  /** Starts both servers, counting their decisions in {@code metrics}. */
  public Shield(
      ShieldConfig config,
      SentLedger ledger,
      List<DnsblSite> dnsblSites,
      DnsLookup dns,
      InetSocketAddress policyBind,
      InetSocketAddress milterBind,
      Duration retention,
      Clock clock,
      ShieldMetrics metrics)
      throws IOException {
    this.ledger = ledger;
    DnsblScorer scorer = new DnsblScorer(dnsblSites, dns, clock, Duration.ofSeconds(2));
    metrics
        .registry()
        .gauge("backstop_filter_dnsbl_cached_names", scorer, DnsblScorer::cachedNames);
    PolicyDecider decider = new PolicyDecider(config, scorer, clock, metrics);
    BackscatterJudge judge = new BackscatterJudge(config, ledger, new BounceAnalyzer());
    this.policy = new PolicyServer(policyBind, decider, MAX_CONNECTIONS);
    try {
      this.milter =
          new MilterServer(milterBind, config, ledger, judge, clock, metrics, MAX_CONNECTIONS);
    } catch (IOException e) {
      policy.close();
      throw e;
    }
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ledger-purge");
              t.setDaemon(true);
              return t;
            });
    housekeeping.scheduleWithFixedDelay(
        () -> {
          try {
            int n = ledger.purge(retention);
            if (n > 0) {
              log.info("sent ledger: purged {} entries older than {}", n, retention);
            }
          } catch (RuntimeException e) {
            log.warn("sent ledger purge failed; will retry", e);
          }
        },
        1,
        60,
        TimeUnit.MINUTES);
  }

  public InetSocketAddress policyAddress() {
    return policy.address();
  }

  public InetSocketAddress milterAddress() {
    return milter.address();
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    policy.close();
    milter.close();
    ledger.close();
  }
}
