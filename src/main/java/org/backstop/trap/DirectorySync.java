package org.backstop.trap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes renames in one directory durable by fsyncing the directory, with group commit: callers that
 * arrive while an fsync runs share the next one, so concurrent sessions pay for one fsync instead
 * of one each. A rename is durable once {@link #sync()}, called after the rename, returns.
 */
class DirectorySync {
  private final Path dir;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long requested;
  private long completed;
  private boolean running;

  DirectorySync(Path dir) {
    this.dir = dir;
  }

  /** Returns once an fsync of the directory has begun after this call began, and ended. */
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

  /** The fsync itself; tests override it to observe or delay it. */
  void force() throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
