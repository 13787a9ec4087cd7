package org.backstop.trap;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for an fsync: callers that arrive while an fsync runs share the next one, so
 * concurrent sessions pay for one fsync instead of one each. What was written before {@link
 * #sync()} was called is durable once it returns.
 */
class GroupCommit {
  /** The fsync itself. */
  @FunctionalInterface
  interface Force {
    void force() throws IOException;
  }

  private final Force force;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long requested;
  private long completed;
  private boolean running;

  GroupCommit(Force force) {
    this.force = force;
  }

  /**
   * Returns once an fsync has begun after this call began, and ended; throws if that one failed.
   */
  void sync() throws IOException {
    lock.lock();
    try {
      long ticket = ++requested;
      while (completed < ticket) {
        if (running) {
          changed.awaitUninterruptibly();
          continue;
        }
        running = true;
        long target = requested;
        boolean ok = false;
        lock.unlock(); // later callers queue up for the next fsync meanwhile
        try {
          force();
          ok = true;
        } finally {
          lock.lock();
          running = false;
          if (ok) {
            completed = Math.max(completed, target);
          }
          changed.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs the fsync; tests override it to observe or delay it. */
  void force() throws IOException {
    force.force();
  }
}
