package org.backstop.listing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.backstop.net.IpAddress;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneFiles;
import org.backstop.zone.ZoneSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each publication into an immutable {@link ZoneSnapshot} (RFC 5782 answers: the A value and
 * a TXT linking to the lookup page), hands it to the DNS server to swap in atomically, then writes
 * it as rbldnsd and BIND zone files for mirrors. Files are written on their own thread, newest
 * snapshot only, each to a temporary file renamed into place, so a slow disk never delays DNS and a
 * mirror never reads half a file.
 */
public final class SnapshotPublisher implements ZoneTarget, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);

  /**
   * How listings become DNS data.
   *
   * @param zone the zone name, e.g. {@code bl.backstop.local}
   * @param listed the A value (RFC 5782 section 2.1: 127.0.0.2) and TXT template ({@code $} is the
   *     address)
   * @param ttl the TTL of A and TXT answers
   * @param zoneDir where the zone files go, or null for none
   */
  public record Settings(String zone, Value listed, int ttl, Path zoneDir) {}

  /** RFC 5782 section 5 test points, always listed: 127.0.0.2 and ::ffff:7f00:2. */
  public static final java.util.List<IpAddress> TEST_POINTS =
      java.util.List.of(IpAddress.parse("127.0.0.2"), IpAddress.parse("::ffff:127.0.0.2"));

  private final Settings settings;
  private final Consumer<ZoneSnapshot> swap;
  private final ExecutorService files =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "zone-files");
            t.setDaemon(true);
            return t;
          });
  private final AtomicReference<ZoneSnapshot> unwritten = new AtomicReference<>();
  private volatile ZoneSnapshot current;

  public SnapshotPublisher(Settings settings, Consumer<ZoneSnapshot> swap) {
    this.settings = settings;
    this.swap = swap;
  }

  @Override
  public void publish(ZoneContent zone) {
    ZoneSnapshot.Builder b =
        ZoneSnapshot.builder(settings.zone()).serial(zone.serial()).ttl(settings.ttl());
    // RFC 5782 section 5: the test points answer even when nothing is listed.
    for (IpAddress t : TEST_POINTS) {
      b.add(t, settings.listed());
    }
    for (IpAddress a : zone.addresses()) {
      b.add(a, settings.listed());
    }
    ZoneSnapshot s = b.build();
    swap.accept(s);
    current = s;
    if (settings.zoneDir() != null && unwritten.getAndSet(s) == null) {
      files.submit(this::writeFiles);
    }
  }

  /** The snapshot published last, or null before the first. */
  public ZoneSnapshot current() {
    return current;
  }

  /** The rbldnsd data file. */
  public Path rbldnsdFile() {
    return settings.zoneDir().resolve(settings.zone() + ".rbldnsd");
  }

  /** The BIND master file. */
  public Path bindFile() {
    return settings.zoneDir().resolve(settings.zone() + ".zone");
  }

  private void writeFiles() {
    ZoneSnapshot s = unwritten.getAndSet(null);
    if (s == null) {
      return;
    }
    try {
      Files.createDirectories(settings.zoneDir());
      ZoneFiles.write(s, ZoneFiles.Format.RBLDNSD, rbldnsdFile());
      ZoneFiles.write(s, ZoneFiles.Format.BIND, bindFile());
      log.debug("wrote zone files for serial {}", s.serial());
    } catch (IOException | RuntimeException e) {
      // The previous files stay in place; the next publication writes again.
      log.error("could not write zone files for serial {}", s.serial(), e);
    }
  }

  /** Waits until the zone files of every publication so far are written. */
  public void awaitFiles() throws Exception {
    Future<?> f = files.submit(() -> {});
    f.get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    files.shutdown();
    try {
      files.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
