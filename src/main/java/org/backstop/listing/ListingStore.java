package org.backstop.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.backstop.net.IpAddress;

/**
 * SQL for evidence, listings, their history and the change counter. Every method takes the
 * connection of the caller's transaction, so {@link ListingService} can combine them.
 */
final class ListingStore {

  Optional<Decision> storedDecision(Connection c, String evidenceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT outcome, reason FROM reports WHERE id = ?")) {
      ps.setString(1, evidenceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Decision(
                Outcome.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                rs.getString(2)));
      }
    }
  }

  void insertReport(Connection c, Evidence e, Decision d) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO reports (id, ip, kind, reporter_id, received_at, helo, mail_from,"
                + " recipients, message_kind, summary, excerpt, outcome, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, e.id());
      ps.setString(2, e.ip().toString());
      ps.setString(3, e.kind().label());
      ps.setString(4, e.reporterId());
      ps.setLong(5, e.receivedAt().toEpochMilli());
      ps.setString(6, Text.clip(e.helo(), 255));
      ps.setString(7, Text.clip(e.mailFrom(), 512));
      ps.setString(8, Text.clip(String.join(",", e.recipients()), 2048));
      ps.setString(9, e.messageKind());
      ps.setString(10, Text.clip(e.summary(), 1024));
      ps.setString(11, Text.clip(e.excerpt(), Text.EXCERPT_LIMIT));
      ps.setString(12, d.outcome().label());
      ps.setString(13, d.reason());
      ps.executeUpdate();
    }
  }

  /** Distinct untrusted reporters with evidence of a listing kind for the address since then. */
  List<String> untrustedReporters(
      Connection c, IpAddress ip, Instant since, List<EvidenceKind> kinds) throws SQLException {
    if (kinds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", java.util.Collections.nCopies(kinds.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT r.reporter_id FROM reports r JOIN reporters p ON p.id = r.reporter_id"
                + " WHERE r.ip = ? AND r.received_at >= ? AND p.trusted = 0 AND r.kind IN ("
                + marks
                + ")")) {
      ps.setString(1, ip.toString());
      ps.setLong(2, since.toEpochMilli());
      for (int i = 0; i < kinds.size(); i++) {
        ps.setString(3 + i, kinds.get(i).label());
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  Optional<Listing> find(Connection c, IpAddress ip) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ip, active, first_report, last_report, expires_at, impact, reason"
                + " FROM listings WHERE ip = ?")) {
      ps.setString(1, ip.toString());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(listing(rs)) : Optional.empty();
      }
    }
  }

  private static Listing listing(ResultSet rs) throws SQLException {
    return new Listing(
        IpAddress.parse(rs.getString(1)),
        rs.getInt(2) == 1,
        Instant.ofEpochMilli(rs.getLong(3)),
        Instant.ofEpochMilli(rs.getLong(4)),
        Instant.ofEpochMilli(rs.getLong(5)),
        rs.getLong(6),
        rs.getString(7));
  }

  void upsert(Connection c, Listing l, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO listings (ip, active, first_report, last_report, expires_at, impact,"
                + " reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (ip) DO UPDATE SET active = excluded.active,"
                + " first_report = excluded.first_report, last_report = excluded.last_report,"
                + " expires_at = excluded.expires_at, impact = excluded.impact,"
                + " reason = excluded.reason, updated_at = excluded.updated_at")) {
      ps.setString(1, l.ip().toString());
      ps.setInt(2, l.active() ? 1 : 0);
      ps.setLong(3, l.firstReport().toEpochMilli());
      ps.setLong(4, l.lastReport().toEpochMilli());
      ps.setLong(5, l.expiresAt().toEpochMilli());
      ps.setLong(6, l.impact());
      ps.setString(7, l.reason());
      ps.setLong(8, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  void history(Connection c, IpAddress ip, Instant at, String event, String actor, String reason)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO listing_history (id, ip, at, event, actor, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, Ids.next(at));
      ps.setString(2, ip.toString());
      ps.setLong(3, at.toEpochMilli());
      ps.setString(4, event);
      ps.setString(5, actor);
      ps.setString(6, Text.clip(reason, 1024));
      ps.executeUpdate();
    }
  }

  List<HistoryEvent> history(Connection c, IpAddress ip, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT at, event, actor, reason FROM listing_history WHERE ip = ?"
                + " ORDER BY at DESC, id DESC LIMIT ?")) {
      ps.setString(1, ip.toString());
      ps.setInt(2, limit);
      List<HistoryEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new HistoryEvent(
                  Instant.ofEpochMilli(rs.getLong(1)),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4)));
        }
      }
      return out;
    }
  }

  List<EvidenceSample> samples(Connection c, IpAddress ip, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, kind, received_at, reporter_id, summary, outcome, reason FROM reports"
                + " WHERE ip = ? ORDER BY received_at DESC LIMIT ?")) {
      ps.setString(1, ip.toString());
      ps.setInt(2, limit);
      List<EvidenceSample> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new EvidenceSample(
                  rs.getString(1),
                  EvidenceKind.parse(rs.getString(2)),
                  Instant.ofEpochMilli(rs.getLong(3)),
                  rs.getString(4),
                  rs.getString(5),
                  Outcome.valueOf(rs.getString(6).toUpperCase(java.util.Locale.ROOT)),
                  rs.getString(7)));
        }
      }
      return out;
    }
  }

  /** Active listings, most recently reported first, after a cursor for paging. */
  List<Listing> list(Connection c, boolean activeOnly, int limit, int offset) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ip, active, first_report, last_report, expires_at, impact, reason FROM listings"
                + (activeOnly ? " WHERE active = 1" : "")
                + " ORDER BY last_report DESC, ip LIMIT ? OFFSET ?")) {
      ps.setInt(1, limit);
      ps.setInt(2, offset);
      List<Listing> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(listing(rs));
        }
      }
      return out;
    }
  }

  /** Streams the addresses published at a time, without building a list of rows. */
  int forEachListed(Connection c, Instant now, Consumer<String> sink) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT ip FROM listings WHERE active = 1 AND expires_at > ?")) {
      ps.setFetchSize(10_000);
      ps.setLong(1, now.toEpochMilli());
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(rs.getString(1));
          n++;
        }
      }
      return n;
    }
  }

  /** Active listings whose expiry has passed. */
  List<IpAddress> due(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT ip FROM listings WHERE active = 1 AND expires_at <= ?")) {
      ps.setLong(1, now.toEpochMilli());
      List<IpAddress> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(IpAddress.parse(rs.getString(1)));
        }
      }
      return out;
    }
  }

  void deactivate(Connection c, IpAddress ip, String reason, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE listings SET active = 0, reason = ?, updated_at = ? WHERE ip = ?")) {
      ps.setString(1, Text.clip(reason, 1024));
      ps.setLong(2, now.toEpochMilli());
      ps.setString(3, ip.toString());
      ps.executeUpdate();
    }
  }

  long version(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT version FROM listing_version WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * Increments the change counter and returns the new value. The UPDATE locks the counter's row
   * until commit, so versions are committed in increasing order on both databases.
   */
  long bumpVersion(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE listing_version SET version = version + 1 WHERE id = 1")) {
      ps.executeUpdate();
    }
    return version(c);
  }

  /** Logs that an address's published state changed under a version. */
  void logChange(Connection c, long version, IpAddress ip, boolean listed, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO listing_changes (version, ip, listed, at) VALUES (?, ?, ?, ?)")) {
      ps.setLong(1, version);
      ps.setString(2, ip.toString());
      ps.setInt(3, listed ? 1 : 0);
      ps.setLong(4, at.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** Changes with versions in (after, upTo], oldest first. */
  List<ListingChange> changes(Connection c, long after, long upTo) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT version, ip, listed FROM listing_changes WHERE version > ? AND version <= ?"
                + " ORDER BY version")) {
      ps.setLong(1, after);
      ps.setLong(2, upTo);
      List<ListingChange> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ListingChange(
                  rs.getLong(1), IpAddress.parse(rs.getString(2)), rs.getInt(3) == 1));
        }
      }
      return out;
    }
  }

  /** The oldest version still in the change log, or 0 when it is empty. */
  long oldestChange(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(version) FROM listing_changes");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  int pruneChanges(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM listing_changes WHERE at < ?")) {
      ps.setLong(1, before.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  long publishedSerial(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT published_serial FROM listing_version WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  void setPublishedSerial(Connection c, long serial) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE listing_version SET published_serial = ? WHERE id = 1")) {
      ps.setLong(1, serial);
      ps.executeUpdate();
    }
  }

  long count(Connection c, boolean activeOnly) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM listings" + (activeOnly ? " WHERE active = 1" : ""));
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
