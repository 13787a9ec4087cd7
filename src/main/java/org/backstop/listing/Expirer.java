package org.backstop.listing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.backstop.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends listings whose last report is older than the expiry, on a schedule. Time comes from the
 * service's clock, so tests move the clock and call {@link #runOnce}.
 */
public final class Expirer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Expirer.class);

  private final ListingService listings;
  private final Duration period;
  private final ScheduledExecutorService executor;

  public Expirer(ListingService listings, Duration period) {
    this.listings = listings;
    this.period = period;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "listing-expiry");
              t.setDaemon(true);
              return t;
            });
  }

  public Expirer start() {
    executor.scheduleWithFixedDelay(this::guarded, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Expires what is due now; returns the addresses that expired. */
  public List<IpAddress> runOnce() {
    List<IpAddress> expired = listings.expire();
    if (!expired.isEmpty()) {
      log.info("expired {} listings", expired.size());
    }
    return expired;
  }

  private void guarded() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // A failed run (database briefly unavailable) must not cancel the schedule.
      log.error("expiry run failed; will retry", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
