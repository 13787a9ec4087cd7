package org.backstop.listing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backstop.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the listings to the zone targets whenever they change. A change in this process
 * triggers a publication after a short debounce (so a burst of new listings publishes once); a poll
 * of the change counter catches changes made by another process (the operator's command line).
 * Either way a change is published within {@code debounce + poll} seconds; the debounce grows with
 * the time a publication takes (see {@link #delayMillis}), up to two seconds.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);
  // A full reload now and then guards against any drift between the log and the table.
  private static final long FULL_RELOAD_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(6);

  /**
   * What the last publication did.
   *
   * @param serial its SOA serial
   * @param addresses how many addresses it published
   * @param millis how long reading and handing over took
   */
  public record Stats(long serial, int addresses, long millis) {}

  private final ListingService listings;
  private final List<ZoneTarget> targets;
  private final Clock clock;
  private final Duration poll;
  private final Duration debounce;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ScheduledExecutorService executor;
  // The published addresses, kept in memory and brought up to date from the change log, so a
  // publication costs the snapshot build rather than a read of every listing.
  private Set<IpAddress> listed = new HashSet<>();
  private volatile long publishedVersion = -1;
  private long lastFullLoad;
  private volatile long serial;
  private volatile Stats last = new Stats(0, 0, 0);

  public Publisher(
      ListingService listings,
      List<ZoneTarget> targets,
      Clock clock,
      Duration poll,
      Duration debounce) {
    this.listings = listings;
    this.targets = List.copyOf(targets);
    this.clock = clock;
    this.poll = poll;
    this.debounce = debounce;
    this.lastFullLoad = System.nanoTime();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "zone-publisher");
              t.setDaemon(true);
              return t;
            });
  }

  /** Publishes once now, then follows changes until closed. */
  public Publisher start() {
    publish();
    listings.onChange(this::changed);
    executor.scheduleWithFixedDelay(
        this::pollVersion, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void changed() {
    if (pending.compareAndSet(false, true)) {
      executor.schedule(
          () -> {
            pending.set(false);
            guarded();
          },
          delayMillis(debounce.toMillis(), last.millis()),
          TimeUnit.MILLISECONDS);
    }
  }

  /** The longest wait after a change, so that a change still reaches DNS within 5 seconds. */
  static final long MAX_DELAY_MILLIS = 2_000;

  /**
   * How long to gather changes before the next publication: the debounce, or twice what the last
   * publication took when that is longer (at most {@link #MAX_DELAY_MILLIS}). Under a steady stream
   * of new listings a large zone (a million listings take over a second to publish) then costs at
   * most about a third of one core, instead of publishing back to back.
   */
  static long delayMillis(long debounceMillis, long lastPublicationMillis) {
    return Math.max(debounceMillis, Math.min(2 * lastPublicationMillis, MAX_DELAY_MILLIS));
  }

  private void pollVersion() {
    try {
      if (listings.version() != publishedVersion) {
        guarded();
      }
    } catch (RuntimeException e) {
      log.warn("could not read the listing version; will retry", e);
    }
  }

  private void guarded() {
    try {
      publish();
    } catch (RuntimeException e) {
      // Housekeeping must never die: the next change or poll tries again.
      log.error("publication failed; the previous zone stays published", e);
    }
  }

  /**
   * Reads the listings and publishes them to every target under a new serial. Synchronous; safe to
   * call from any thread.
   */
  public synchronized Stats publish() {
    long start = System.nanoTime();
    long version = sync();
    Instant at = clock.instant();
    List<IpAddress> addresses = List.copyOf(listed);
    if (serial == 0) {
      serial = listings.publishedSerial();
    }
    // Epoch seconds when they are ahead, so a serial also tells when; +1 otherwise, so it
    // grows with every publication even when two fall in one second (RFC 1982 arithmetic).
    long next = Math.max(serial + 1, at.getEpochSecond()) & 0xFFFF_FFFFL;
    ZoneContent zone = new ZoneContent(next, at, addresses);
    for (ZoneTarget t : targets) {
      try {
        t.publish(zone);
      } catch (Exception e) {
        log.error("zone target {} failed for serial {}", t, next, e);
      }
    }
    serial = next;
    listings.recordPublishedSerial(next);
    publishedVersion = version;
    last = new Stats(next, addresses.size(), (System.nanoTime() - start) / 1_000_000);
    log.info(
        "published {} listings under serial {} in {} ms", addresses.size(), next, last.millis());
    return last;
  }

  /** Brings the in-memory set up to date; returns the version it now reflects. */
  private long sync() {
    boolean fullDue = System.nanoTime() - lastFullLoad > FULL_RELOAD_NANOS;
    if (publishedVersion >= 0 && !fullDue) {
      Optional<ListingChanges> changes = listings.changesSince(publishedVersion);
      if (changes.isPresent()) {
        for (ListingChange c : changes.get().changes()) {
          if (c.listed()) {
            listed.add(c.ip());
          } else {
            listed.remove(c.ip());
          }
        }
        return changes.get().version();
      }
    }
    // Read the version first: a change committed during the read is applied again next time,
    // and applying a change twice does no harm.
    long version = listings.version();
    Set<IpAddress> fresh = new HashSet<>();
    listings.forEachListed(ip -> fresh.add(IpAddress.parse(ip)));
    listed = fresh;
    lastFullLoad = System.nanoTime();
    log.info("loaded {} listed addresses at version {}", fresh.size(), version);
    return version;
  }

  public Stats lastPublication() {
    return last;
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
