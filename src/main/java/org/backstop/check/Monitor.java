package org.backstop.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks configured targets on a schedule, keeps the history in a {@link CheckStore} and alerts on
 * every change of listing state.
 *
 * <p>The schedule is driven by the {@link Clock}: {@link #runDue()} checks each target whose last
 * stored check is at least one interval old, so a restart does not re-check everything and tests
 * move the clock instead of sleeping. {@link #start} just calls it every few seconds; like
 * HikariCP's housekeeper, that loop catches and logs everything so it never dies.
 */
public final class Monitor {

  private static final Logger log = LoggerFactory.getLogger(Monitor.class);

  private final DnsblChecker checker;
  private final CheckStore store;
  private final List<Target> targets;
  private final Duration interval;
  private final Clock clock;
  private final List<AlertSink> sinks;

  public Monitor(
      DnsblChecker checker,
      CheckStore store,
      List<Target> targets,
      Duration interval,
      Clock clock,
      List<AlertSink> sinks) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("nothing to monitor: give at least one target");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive");
    }
    this.checker = checker;
    this.store = store;
    this.targets = List.copyOf(targets);
    this.interval = interval;
    this.clock = clock;
    this.sinks = List.copyOf(sinks);
  }

  /** Checks every target that is due and returns the changes found (already alerted). */
  public List<ListingChange> runDue() {
    List<ListingChange> all = new ArrayList<>();
    for (Target t : targets) {
      Instant last = store.lastRun(t.text());
      if (last != null && last.plus(interval).isAfter(clock.instant())) {
        continue;
      }
      CheckReport report = checker.check(t);
      List<ListingChange> changes = store.record(report);
      log.info(
          "checked {}: listed on {} of {} lists, {} change(s)",
          t,
          report.count(ListStatus.LISTED),
          report.results().size(),
          changes.size());
      if (!changes.isEmpty()) {
        alert(changes);
      }
      all.addAll(changes);
    }
    return all;
  }

  private void alert(List<ListingChange> changes) {
    for (AlertSink s : sinks) {
      try {
        s.send(changes);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        log.warn("alert through {} failed: {}", s.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** Calls {@link #runDue()} every {@code tick} on the given executor until cancelled. */
  public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration tick) {
    return executor.scheduleWithFixedDelay(
        () -> {
          try {
            runDue();
          } catch (RuntimeException e) {
            log.error("monitor round failed; will retry", e);
          }
        },
        0,
        tick.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
