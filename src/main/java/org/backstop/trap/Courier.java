package org.backstop.trap;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed deliveries from the spool to the {@link TrapSink}, after the client already has
 * its 250, in batches of whatever queued meanwhile: on success they are marked handed over in the
 * spool; on failure they stay pending and a periodic rescan offers them again. At most one
 * hand-over per record runs at a time; the sink's idempotence covers the replay after a crash.
 */
final class Courier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Courier.class);
  private static final int QUEUE = 10_000;
  private static final int MAX_BATCH = 256;

  /** Messages read back from disk for one batch, at most (about; one message may exceed it). */
  private static final long MAX_BATCH_BYTES = 32L << 20;

  /**
   * How long a batch waits for more: fewer, larger transactions cost the courier about a fifth less
   * CPU per message in bench/trap.sh (and fewer database fsyncs), for a listing 20 ms later.
   */
  private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Spool spool;
  private final TrapSink sink;
  private final BlockingQueue<Spool.Entry> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Set<Spool.Location> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers;
  private final ScheduledExecutorService rescans;
  private final int threads;
  private final Duration retryInterval;
  private final AtomicBoolean overflowed = new AtomicBoolean();
  private final AtomicLong handedOver = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean closing;

  Courier(Spool spool, TrapSink sink, int threads, Duration retryInterval) {
    this.spool = spool;
    this.sink = sink;
    this.threads = threads;
    this.retryInterval = retryInterval;
    this.workers = Executors.newFixedThreadPool(threads, daemon("trap-courier"));
    this.rescans = Executors.newSingleThreadScheduledExecutor(daemon("trap-rescan"));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Starts the workers and replays what an earlier run left in the spool. */
  void start() {
    for (int i = 0; i < threads; i++) {
      workers.execute(this::work);
    }
    long every = retryInterval.toMillis();
    rescans.scheduleWithFixedDelay(this::rescan, 0, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Queues a committed delivery; false when the queue is full (the next rescan picks it up) or it
   * is queued already.
   */
  boolean offer(Spool.Entry d) {
    if (!inFlight.add(d.location())) {
      spool.forget(d); // a rescan found it first
      return true;
    }
    if (!queue.offer(d)) {
      spool.forget(d);
      inFlight.remove(d.location());
      overflowed.set(true);
      return false;
    }
    return true;
  }

  /** Offers every pending delivery not already in flight, until the queue is full. Never throws. */
  void rescan() {
    try {
      overflowed.set(false);
      spool.forEachPending(inFlight::contains, d -> !closing && offer(d));
    } catch (Exception e) {
      log.error("trap spool rescan failed; will retry", e);
    }
  }

  private void work() {
    List<Spool.Entry> batch = new ArrayList<>(MAX_BATCH);
    while (!closing) {
      Spool.Entry first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first == null) {
        if (overflowed.get()) {
          rescans.execute(this::rescan);
        } else {
          spool.rollIfIdle(); // nothing came for a while: let a drained spool be deleted
        }
        continue;
      }
      batch.clear();
      batch.add(first);
      long bytes = first.messageLength();
      long until = System.nanoTime() + LINGER_NANOS;
      while (batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES) {
        Spool.Entry next = queue.poll();
        if (next == null) {
          long left = until - System.nanoTime();
          try {
            next = left > 0 && !closing ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          if (next == null) {
            break;
          }
        }
        batch.add(next);
        bytes += next.messageLength();
      }
      deliver(batch);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  /** Hands a batch to the sink; marks it handed over only if the sink took all of it. */
  private void deliver(List<Spool.Entry> batch) {
    List<Spool.Entry> ready = new ArrayList<>(batch.size());
    List<TrapDelivery> deliveries = new ArrayList<>(batch.size());
    try {
      for (Spool.Entry d : batch) {
        if (!spool.isPending(d)) {
          spool.forget(d);
          continue; // handed over already, by an earlier offer of the same record
        }
        try {
          deliveries.add(spool.delivery(d));
          ready.add(d);
        } catch (IOException e) {
          log.error("cannot read spooled {}; it stays for a retry: {}", d.id(), e.toString());
        }
      }
      if (ready.isEmpty()) {
        return;
      }
      sink.acceptAll(deliveries);
      handedOver.addAndGet(ready.size());
      for (Spool.Entry d : ready) {
        spool.remove(d);
      }
    } catch (Exception e) {
      failures.incrementAndGet();
      log.warn(
          "trap sink refused {} deliveries; they stay in the spool for a retry: {}",
          ready.size(),
          e.toString());
    } catch (Throwable t) {
      failures.incrementAndGet();
      log.error("trap sink failed; its deliveries stay in the spool", t);
    } finally {
      for (Spool.Entry d : batch) {
        inFlight.remove(d.location());
      }
    }
  }

  long handedOver() {
    return handedOver.get();
  }

  long failures() {
    return failures.get();
  }

  /** Waits until nothing is queued or in flight, or the deadline passes. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!inFlight.isEmpty()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(10); // polled only at shutdown and in tests
    }
    return true;
  }

  /** Stops taking work; a hand-over in progress finishes within {@code grace}. */
  void close(Duration grace) {
    closing = true;
    rescans.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(Math.max(grace.toMillis(), 1), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
        log.warn("trap sink still busy at shutdown; what it had stays in the spool");
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
