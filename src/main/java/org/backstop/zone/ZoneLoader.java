package org.backstop.zone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Loads a zone from rbldnsd data files (rbldnsd(8)) into a new {@link ZoneSnapshot}. A malformed
 * line is recorded as a {@link ParseProblem} and skipped; an unreadable file fails the whole load
 * with an IOException so that the caller keeps serving the previous snapshot.
 */
public final class ZoneLoader {
  /** rbldnsd's default TTL, 35 minutes. */
  public static final int DEFAULT_TTL = 2100;

  private final Clock clock;
  private final int defaultTtl;

  public ZoneLoader(Clock clock) {
    this(clock, DEFAULT_TTL);
  }

  public ZoneLoader(Clock clock, int defaultTtl) {
    this.clock = clock;
    this.defaultTtl = defaultTtl;
  }

  /** What one load produced. */
  public record Result(ZoneSnapshot snapshot, List<ParseProblem> problems, long millis) {}

  /** Reads every file of the zone and builds a snapshot. */
  public Result load(ZoneSpec spec) throws IOException {
    long start = System.nanoTime();
    ZoneState zone = new ZoneState(defaultTtl);
    List<Binding> bindings = new ArrayList<>();
    long newest = 0;
    for (ZoneSpec.DatasetSpec ds : spec.datasets()) {
      RbldnsdReader reader = new RbldnsdReader(ds.type(), zone, clock);
      for (Path f : ds.files()) {
        newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis() / 1000);
        try (InputStream in = open(f)) {
          reader.read(f.toString(), in);
        }
      }
      bindings.addAll(reader.finish());
    }
    Soa soa = zone.soa;
    if (soa == null) {
      soa = ZoneSnapshot.defaultSoa(spec.origin(), zone.ns, defaultTtl, newest);
    } else if (soa.serial() == 0) {
      soa = soa.withSerial(newest);
    }
    ZoneSnapshot snap =
        new ZoneSnapshot(spec.origin(), soa, zone.ns, zone.nsTtl, bindings, zone.expires);
    return new Result(snap, zone.problems, (System.nanoTime() - start) / 1_000_000);
  }

  private static InputStream open(Path f) throws IOException {
    InputStream in = Files.newInputStream(f);
    return f.toString().endsWith(".gz") ? new GZIPInputStream(in, 65536) : in;
  }

  /** What the files say about the zone as a whole: the first $SOA and $NS win. */
  static final class ZoneState {
    final int defaultTtl;
    Soa soa;
    List<String> ns = List.of();
    int nsTtl;
    boolean nsSeen;
    Instant expires;
    final List<ParseProblem> problems = new ArrayList<>();

    ZoneState(int defaultTtl) {
      this.defaultTtl = defaultTtl;
      this.nsTtl = defaultTtl;
    }
  }
}
