package org.backstop.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The monitor's history in a SQL database over JDBC: SQLite by default, PostgreSQL by URL.
 *
 * <p>The schema is migrated by Flyway from {@code classpath:db/check} with its own history table
 * {@code flyway_check_history}, so this package's schema evolves independently of the listing store
 * that may share the database.
 */
public final class CheckStore {

  /** Where the monitor keeps its history unless told otherwise. */
  public static final String DEFAULT_URL = "jdbc:sqlite:data/backstop.db";

  private static final int MAX_TEXT = 4000;
  private final String url;

  private CheckStore(String url) {
    this.url = url;
  }

  /** Opens the store at a JDBC URL, creating or migrating its tables. */
  public static CheckStore open(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      String file = url.substring("jdbc:sqlite:".length());
      int q = file.indexOf('?');
      Path p = Path.of(q < 0 ? file : file.substring(0, q));
      if (!file.isEmpty() && !file.startsWith(":memory:") && p.getParent() != null) {
        try {
          Files.createDirectories(p.getParent());
        } catch (java.io.IOException e) {
          throw new IllegalStateException("cannot create " + p.getParent(), e);
        }
      }
    }
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/check")
        .table("flyway_check_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    return new CheckStore(url);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /**
   * Records a check of a monitored target and returns the listing changes it brings. ERROR and
   * REFUSED answers change nothing: a list that cannot be asked keeps its last known state.
   */
  public synchronized List<ListingChange> record(CheckReport report) {
    long now = report.checkedAt().toEpochMilli();
    List<ListingChange> changes = new ArrayList<>();
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      Map<String, ListStatus> known = state(c, report.target());
      try (PreparedStatement run =
          c.prepareStatement(
              "INSERT INTO check_run (target, checked_ms, listed, clean, errors, refused, millis)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        run.setString(1, report.target());
        run.setLong(2, now);
        run.setInt(3, (int) report.count(ListStatus.LISTED));
        run.setInt(4, (int) report.count(ListStatus.CLEAN));
        run.setInt(5, (int) report.count(ListStatus.ERROR));
        run.setInt(6, (int) report.count(ListStatus.REFUSED));
        run.setLong(7, report.millis());
        run.executeUpdate();
      }
      for (ListResult r : report.results()) {
        if (r.status() != ListStatus.LISTED && r.status() != ListStatus.CLEAN) {
          continue;
        }
        ListStatus before = known.get(r.zone());
        String codes = String.join(",", r.codes());
        if (before == r.status()) {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE check_state SET checked_ms = ?, codes = ? WHERE target = ? AND zone = ?")) {
            u.setLong(1, now);
            u.setString(2, codes);
            u.setString(3, report.target());
            u.setString(4, r.zone());
            u.executeUpdate();
          }
          continue;
        }
        upsertState(c, report.target(), r, codes, now, before != null);
        // The first sight of a clean target is not news; a first sight of a listing is.
        if (before == null && r.status() == ListStatus.CLEAN) {
          continue;
        }
        ListingChange ch =
            new ListingChange(
                report.target(),
                r.zone(),
                r.name(),
                before,
                r.status(),
                r.codes(),
                r.meanings(),
                r.txt(),
                r.removal(),
                report.checkedAt());
        insertChange(c, ch);
        changes.add(ch);
      }
      c.commit();
      return changes;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record the check of " + report.target(), e);
    }
  }

  private static Map<String, ListStatus> state(Connection c, String target) throws SQLException {
    Map<String, ListStatus> m = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT zone, status FROM check_state WHERE target = ?")) {
      s.setString(1, target);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          m.put(rs.getString(1), ListStatus.valueOf(rs.getString(2)));
        }
      }
    }
    return m;
  }

  private static void upsertState(
      Connection c, String target, ListResult r, String codes, long now, boolean exists)
      throws SQLException {
    String sql =
        exists
            ? "UPDATE check_state SET status = ?, codes = ?, since_ms = ?, checked_ms = ?"
                + " WHERE target = ? AND zone = ?"
            : "INSERT INTO check_state (status, codes, since_ms, checked_ms, target, zone)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, r.status().name());
      s.setString(2, codes);
      s.setLong(3, now);
      s.setLong(4, now);
      s.setString(5, target);
      s.setString(6, r.zone());
      s.executeUpdate();
    }
  }

  private static void insertChange(Connection c, ListingChange ch) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO check_change (target, zone, changed_ms, old_status, new_status, codes,"
                + " meanings, txt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, ch.target());
      s.setString(2, ch.zone());
      s.setLong(3, ch.at().toEpochMilli());
      s.setString(4, ch.from() == null ? null : ch.from().name());
      s.setString(5, ch.to().name());
      s.setString(6, bound(String.join(",", ch.codes())));
      s.setString(7, bound(String.join("\n", ch.meanings())));
      s.setString(8, ch.txt() == null ? null : bound(ch.txt()));
      s.executeUpdate();
    }
  }

  /** When the target was last checked, or null if never. */
  public synchronized Instant lastRun(String target) {
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement("SELECT MAX(checked_ms) FROM check_run WHERE target = ?")) {
      s.setString(1, target);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the check history", e);
    }
  }

  /** The target's listing changes, newest first. */
  public synchronized List<ListingChange> changes(String target, int limit) {
    List<ListingChange> out = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT zone, changed_ms, old_status, new_status, codes, meanings, txt"
                    + " FROM check_change WHERE target = ? ORDER BY changed_ms DESC, zone")) {
      s.setString(1, target);
      s.setMaxRows(limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String old = rs.getString(3);
          out.add(
              new ListingChange(
                  target,
                  rs.getString(1),
                  rs.getString(1),
                  old == null ? null : ListStatus.valueOf(old),
                  ListStatus.valueOf(rs.getString(4)),
                  split(rs.getString(5), ","),
                  split(rs.getString(6), "\n"),
                  rs.getString(7),
                  null,
                  Instant.ofEpochMilli(rs.getLong(2))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the check history", e);
    }
    return out;
  }

  /** The target's stored checks, newest first. */
  public synchronized List<CheckRun> runs(String target, int limit) {
    List<CheckRun> out = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT checked_ms, listed, clean, errors, refused, millis FROM check_run"
                    + " WHERE target = ? ORDER BY checked_ms DESC")) {
      s.setString(1, target);
      s.setMaxRows(limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new CheckRun(
                  target,
                  Instant.ofEpochMilli(rs.getLong(1)),
                  rs.getInt(2),
                  rs.getInt(3),
                  rs.getInt(4),
                  rs.getInt(5),
                  rs.getLong(6)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the check history", e);
    }
    return out;
  }

  /** The zones the target is currently listed on. */
  public synchronized List<String> listedZones(String target) {
    try (Connection c = connect()) {
      return state(c, target).entrySet().stream()
          .filter(e -> e.getValue() == ListStatus.LISTED)
          .map(Map.Entry::getKey)
          .sorted()
          .toList();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the check state", e);
    }
  }

  /** The targets ever checked, in order; for the web site's monitor page. */
  public synchronized List<String> targets(int limit) {
    List<String> out = new ArrayList<>();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement("SELECT DISTINCT target FROM check_run ORDER BY target")) {
      s.setMaxRows(limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the check history", e);
    }
    return out;
  }

  private static List<String> split(String s, String sep) {
    return s == null || s.isEmpty()
        ? List.of()
        : Arrays.asList(s.split(java.util.regex.Pattern.quote(sep)));
  }

  private static String bound(String s) {
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
  }
}
