package org.backstop.dns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.backstop.zone.ParseProblem;
import org.backstop.zone.ZoneLoader;
import org.backstop.zone.ZoneSnapshot;
import org.backstop.zone.ZoneSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps served zones in step with their rbldnsd data files, as rbldnsd's {@code -c} check does:
 * every interval (and on {@link #reloadAll()}, wired to SIGHUP) it compares each file's mtime and
 * size with the last load and rebuilds the zones whose files changed. The new snapshot is built
 * beside the old one, which keeps answering, and then published in one swap. A zone whose files
 * cannot be read keeps its previous snapshot. One log line per (re)load gives the entry count, time
 * taken and memory.
 */
public final class ZoneWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ZoneWatcher.class);
  private static final int PROBLEMS_LOGGED = 20;
  private final List<ZoneSpec> specs;
  private final ZoneLoader loader;
  private final Consumer<ZoneSnapshot> publish;
  private final Map<String, List<String>> stamps = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "zone-watcher");
            t.setDaemon(true);
            return t;
          });

  public ZoneWatcher(List<ZoneSpec> specs, ZoneLoader loader, Consumer<ZoneSnapshot> publish) {
    this.specs = List.copyOf(specs);
    this.loader = loader;
    this.publish = publish;
  }

  /** Loads every zone once; fails when a zone cannot be loaded (nothing to serve yet). */
  public synchronized void loadAll() throws IOException {
    for (ZoneSpec s : specs) {
      List<String> stamp = stamp(s);
      load(s);
      stamps.put(s.origin(), stamp);
    }
  }

  /** Checks the files every {@code seconds} (0: never). */
  public void start(long seconds) {
    if (seconds > 0) {
      timer.scheduleWithFixedDelay(this::checkQuietly, seconds, seconds, TimeUnit.SECONDS);
    }
  }

  /** Reloads every zone now (SIGHUP), on the watcher's thread. */
  public void reloadAll() {
    timer.execute(
        () -> {
          synchronized (this) {
            stamps.clear();
          }
          checkQuietly();
        });
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      log.error("zone check failed; will retry", e); // the timer must never die
    }
  }

  /** Reloads the zones whose files changed since they were last loaded; returns how many. */
  public synchronized int check() {
    int reloaded = 0;
    for (ZoneSpec s : specs) {
      List<String> now;
      try {
        now = stamp(s);
      } catch (IOException e) {
        log.warn(
            "zone {}: cannot read its files ({}); still serving the previous data",
            s.origin(),
            e.toString());
        continue;
      }
      if (now.equals(stamps.get(s.origin()))) {
        continue;
      }
      try {
        load(s);
        stamps.put(s.origin(), now);
        reloaded++;
      } catch (IOException e) {
        log.warn(
            "zone {}: reload failed ({}); still serving the previous data",
            s.origin(),
            e.toString());
      }
    }
    return reloaded;
  }

  private void load(ZoneSpec s) throws IOException {
    ZoneLoader.Result r = loader.load(s);
    publish.accept(r.snapshot());
    Runtime rt = Runtime.getRuntime();
    List<ParseProblem> problems = r.problems();
    for (int i = 0; i < Math.min(PROBLEMS_LOGGED, problems.size()); i++) {
      log.warn("zone {}: {} (line skipped)", s.origin(), problems.get(i));
    }
    if (problems.size() > PROBLEMS_LOGGED) {
      log.warn("zone {}: {} more bad lines skipped", s.origin(), problems.size() - PROBLEMS_LOGGED);
    }
    log.info(
        "zone {}: loaded {} entries in {} ms, data {} KB, heap {} MB used of {} MB, serial {}, {} bad lines",
        s.origin(),
        r.snapshot().entries(),
        r.millis(),
        r.snapshot().memoryBytes() / 1024,
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rt.totalMemory() >> 20,
        r.snapshot().serial(),
        problems.size());
  }

  private static List<String> stamp(ZoneSpec s) throws IOException {
    List<String> l = new ArrayList<>();
    for (Path p : s.files()) {
      l.add(p + ":" + Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p));
    }
    return l;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
