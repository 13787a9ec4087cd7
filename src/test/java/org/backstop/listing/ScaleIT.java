package org.backstop.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.backstop.net.IpAddress;
import org.backstop.testing.MutableClock;
import org.backstop.zone.Answers;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale: 1,000,000 active listings in SQLite publish as a new DNS snapshot (read, build, swap) in
 * at most 2 seconds, and the zone files follow.
 */
class ScaleIT {
  static final int LISTINGS = 1_000_000;
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path dir;
  Database db;
  ListingService service;

  @BeforeEach
  void fill() {
    db = Database.open(TestDatabases.sqlite(dir));
    service =
        new ListingService(db, new ListingPolicy(PolicyConfig.defaults()), new MutableClock(NOW));
    long t0 = System.nanoTime();
    db.write(
        c -> {
          insert(c);
          return null;
        });
    System.out.printf(
        "ScaleIT: inserted %,d listings in %d ms%n",
        LISTINGS, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Public addresses from 11.0.0.0 up, and every 10th one IPv6, all active. */
  private static void insert(Connection c) throws java.sql.SQLException {
    long first = NOW.minus(Duration.ofDays(1)).toEpochMilli();
    long expires = NOW.plus(Duration.ofDays(27)).toEpochMilli();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO listings (ip, active, first_report, last_report, expires_at, impact,"
                + " reason, updated_at) VALUES (?, 1, ?, ?, ?, 1, 'scale', ?)")) {
      for (int i = 0; i < LISTINGS; i++) {
        IpAddress a =
            i % 10 == 9
                ? IpAddress.ofV6(0x2a00_1450_0000_0000L, i)
                : IpAddress.ofV4(0x0B00_0000 + i);
        ps.setString(1, a.toString());
        ps.setLong(2, first);
        ps.setLong(3, first);
        ps.setLong(4, expires);
        ps.setLong(5, first);
        ps.addBatch();
        if (i % 10_000 == 9_999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE listing_version SET version = version + 1 WHERE id = 1")) {
      ps.executeUpdate();
    }
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aMillionListingsPublishAsANewSnapshotWithinTwoSeconds() throws Exception {
    AtomicReference<ZoneSnapshot> served = new AtomicReference<>();
    Path zoneDir = dir.resolve("zone");
    try (SnapshotPublisher snapshots =
            new SnapshotPublisher(
                new SnapshotPublisher.Settings(
                    "bl.example.org",
                    Value.of("127.0.0.2", "see https://bl.example.org/lookup?ip=$"),
                    900,
                    zoneDir),
                served::set);
        Publisher publisher =
            new Publisher(
                service, List.of(snapshots), service.clock(), Duration.ofHours(1), Duration.ZERO)) {
      // Starting loads every listing once (and warms the JIT, as a running server's would be).
      Publisher.Stats loaded = publisher.publish();
      System.out.printf(
          "ScaleIT: start-up load and first publication of %,d listings: %d ms%n",
          loaded.addresses(), loaded.millis());
      // Then a new listing arrives: the publication applies it and swaps in a new snapshot.
      service.record(
          new Evidence(
              "scale-1",
              IpAddress.parse("9.9.9.9"),
              EvidenceKind.BOUNCE,
              "trap",
              NOW,
              null,
              "",
              List.of(),
              "dsn",
              "",
              null));
      java.lang.management.ThreadMXBean threads =
          java.lang.management.ManagementFactory.getThreadMXBean();
      long cpu0 = threads.getCurrentThreadCpuTime();
      Publisher.Stats s = publisher.publish();
      long cpuMillis = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
      System.out.printf(
          "ScaleIT: published %,d listings as snapshot serial %d in %d ms wall, %d ms CPU"
              + " (goal <= 2000 ms; load average %.1f on %d cores)%n",
          s.addresses(),
          s.serial(),
          s.millis(),
          cpuMillis,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      assertThat(s.addresses()).isEqualTo(LISTINGS + 1);
      assertThat(s.serial()).isGreaterThan(loaded.serial());
      assertThat(served.get().serial()).isEqualTo(s.serial());
      assertThat(served.get().entries())
          .isEqualTo(LISTINGS + 1 + SnapshotPublisher.TEST_POINTS.size());
      // The goal is the work of one publication: on a machine shared with other jobs the wall
      // clock also counts time spent waiting for a core, so the CPU time of the publishing
      // thread is what is held to 2 seconds (on an idle machine the two agree).
      assertThat(cpuMillis).isLessThanOrEqualTo(2000);

      Answers out = new Answers();
      assertThat(served.get().lookup(IpAddress.ofV4(0x0B00_0000 + 12_345).reversedName(), out))
          .isTrue();
      assertThat(out.value(0).aText()).isEqualTo("127.0.0.2");
      assertThat(served.get().lookup(IpAddress.parse("9.9.9.9").reversedName(), new Answers()))
          .isTrue();
      assertThat(served.get().lookup(IpAddress.parse("10.0.0.1").reversedName(), new Answers()))
          .isFalse();

      long t0 = System.nanoTime();
      snapshots.awaitFiles();
      System.out.printf(
          "ScaleIT: zone files written %d ms after the swap (%,d + %,d bytes)%n",
          (System.nanoTime() - t0) / 1_000_000,
          Files.size(snapshots.rbldnsdFile()),
          Files.size(snapshots.bindFile()));
      assertThat(Files.lines(snapshots.rbldnsdFile()).filter(l -> l.startsWith("11.")).count())
          .isEqualTo(LISTINGS - LISTINGS / 10);
    }
  }
}
