package org.backstop.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backstop.net.IpAddress;

/**
 * Read-only queries the web site needs beyond {@link ListingService}: the header excerpt of the
 * latest listing evidence, a delisting request by id, and the figures of the statistics page. Plain
 * portable SQL over the listing schema, run on SQLite and PostgreSQL alike.
 */
public final class ListingQueries {
  private static final long DAY_MS = 86_400_000L;

  private final Database db;
  private final Clock clock;
  private final DelistingStore delistings = new DelistingStore();

  public ListingQueries(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The header section of the newest evidence that listed or renewed the address. */
  public Optional<String> latestExcerpt(IpAddress ip) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT excerpt FROM reports WHERE ip = ? AND outcome IN ('listed', 'renewed')"
                      + " AND excerpt IS NOT NULL ORDER BY received_at DESC LIMIT 1")) {
            ps.setString(1, ip.toString());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  /** A delisting request by its id (a random UUID, so the id can be its status link). */
  public Optional<DelistingRequest> delistingRequest(String id) {
    return db.read(c -> delistings.find(c, id));
  }

  /** One day's figure. */
  public record DayCount(LocalDate day, long count) {}

  /** A trap address and how many reports arrived through it. */
  public record TrapCount(String trap, long count) {}

  /**
   * The statistics of the last days.
   *
   * @param activeListings listings in force now
   * @param totalReports reports ever recorded
   * @param listingsPerDay listings in force at the end of each day, oldest first
   * @param reportsPerDay reports received each day, oldest first
   * @param byKind reports in the period by evidence kind
   * @param topTraps trap addresses that received most reports in the period, most first
   */
  public record Figures(
      long activeListings,
      long totalReports,
      List<DayCount> listingsPerDay,
      List<DayCount> reportsPerDay,
      Map<String, Long> byKind,
      List<TrapCount> topTraps) {}

  /** Figures for the last {@code days} days, today included. */
  public Figures figures(int days) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    long firstDay = today.minusDays(days - 1L).toEpochDay();
    long since = firstDay * DAY_MS;
    return db.read(
        c -> {
          long active = count(c, "SELECT COUNT(*) FROM listings WHERE active = 1");
          long total = count(c, "SELECT COUNT(*) FROM reports");
          Map<Long, Long> reports =
              perDay(
                  c,
                  "SELECT received_at / 86400000, COUNT(*) FROM reports"
                      + " WHERE received_at >= ? GROUP BY received_at / 86400000",
                  since);
          // Listings in force at the end of a day: today's count minus the changes after it.
          Map<Long, Long> delta = listingDeltas(c, since);
          List<DayCount> listed = new ArrayList<>();
          List<DayCount> reported = new ArrayList<>();
          long running = active;
          long[] atEnd = new long[days];
          for (int i = days - 1; i >= 0; i--) {
            atEnd[i] = Math.max(0, running);
            running -= delta.getOrDefault(firstDay + i, 0L);
          }
          for (int i = 0; i < days; i++) {
            LocalDate d = LocalDate.ofEpochDay(firstDay + i);
            listed.add(new DayCount(d, atEnd[i]));
            reported.add(new DayCount(d, reports.getOrDefault(firstDay + i, 0L)));
          }
          return new Figures(
              active, total, listed, reported, byKind(c, since), topTraps(c, since, 10));
        });
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static Map<Long, Long> perDay(Connection c, String sql, long since) throws SQLException {
    Map<Long, Long> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** Net change in listings in force per day: +1 per listing, -1 per end of one. */
  private static Map<Long, Long> listingDeltas(Connection c, long since) throws SQLException {
    Map<Long, Long> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT at / 86400000, event, COUNT(*) FROM listing_history WHERE at >= ?"
                + " GROUP BY at / 86400000, event")) {
      ps.setLong(1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long sign =
              switch (rs.getString(2)) {
                case "listed" -> 1;
                case "removed", "expired", "allowlisted" -> -1;
                default -> 0;
              };
          out.merge(rs.getLong(1), sign * rs.getLong(3), Long::sum);
        }
      }
    }
    return out;
  }

  private static Map<String, Long> byKind(Connection c, long since) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kind, COUNT(*) FROM reports WHERE received_at >= ? GROUP BY kind"
                + " ORDER BY COUNT(*) DESC, kind")) {
      ps.setLong(1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  private static List<TrapCount> topTraps(Connection c, long since, int limit) throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT recipients, COUNT(*) FROM reports WHERE reporter_id = 'trap'"
                + " AND received_at >= ? AND recipients IS NOT NULL AND recipients <> ''"
                + " GROUP BY recipients ORDER BY COUNT(*) DESC LIMIT 1000")) {
      ps.setLong(1, since);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long n = rs.getLong(2);
          for (String r : rs.getString(1).split(",")) {
            if (!r.isBlank()) {
              counts.merge(r.strip().toLowerCase(java.util.Locale.ROOT), n, Long::sum);
            }
          }
        }
      }
    }
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(e -> new TrapCount(e.getKey(), e.getValue()))
        .toList();
  }
}
