package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  @Test
  void callersArrivingDuringAnFsyncShareTheNextOne() throws Exception {
    AtomicInteger forces = new AtomicInteger();
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    GroupCommit sync =
        new GroupCommit(() -> {}) {
          @Override
          void force() throws IOException {
            if (forces.incrementAndGet() == 1) {
              firstStarted.countDown();
              try {
                releaseFirst.await();
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
            }
            super.force();
          }
        };
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      Future<?> first = pool.submit(() -> call(sync));
      assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?>[] later = new Future<?>[5];
      for (int i = 0; i < later.length; i++) {
        later[i] = pool.submit(() -> call(sync));
      }
      // None of the later callers may return on the first fsync: it began before they did.
      for (Future<?> f : later) {
        assertThat(f.isDone()).isFalse();
      }
      releaseFirst.countDown();
      first.get(10, TimeUnit.SECONDS);
      for (Future<?> f : later) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertThat(forces.get()).isBetween(2, 6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedFsyncFailsItsCallerAndTheNextCallerTriesAgain() throws Exception {
    AtomicInteger forces = new AtomicInteger();
    GroupCommit sync =
        new GroupCommit(() -> {}) {
          @Override
          void force() throws IOException {
            if (forces.incrementAndGet() == 1) {
              throw new IOException("disk on fire");
            }
          }
        };
    org.assertj.core.api.Assertions.assertThatThrownBy(sync::sync).isInstanceOf(IOException.class);
    sync.sync();
    assertThat(forces.get()).isEqualTo(2);
  }

  private static Void call(GroupCommit s) throws IOException {
    s.sync();
    return null;
  }
}
