package org.backstop.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.backstop.net.IpAddress;

/** Requests to be removed from the list, and the decisions on them. */
final class DelistingStore {
  private static final String COLUMNS =
      "id, ip, requested_at, contact, message, status, decided_at, decided_by, note";

  DelistingRequest create(Connection c, IpAddress ip, String contact, String message, Instant now)
      throws SQLException {
    DelistingRequest r =
        new DelistingRequest(
            UUID.randomUUID().toString(),
            ip,
            now,
            Text.clip(contact, 320),
            Text.clip(message, 4000),
            "queued",
            null,
            null,
            null);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO delisting_requests (id, ip, requested_at, contact, message, status)"
                + " VALUES (?, ?, ?, ?, ?, 'queued')")) {
      ps.setString(1, r.id());
      ps.setString(2, ip.toString());
      ps.setLong(3, now.toEpochMilli());
      ps.setString(4, r.contact());
      ps.setString(5, r.message());
      ps.executeUpdate();
    }
    return r;
  }

  Optional<DelistingRequest> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM delisting_requests WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(request(rs)) : Optional.empty();
      }
    }
  }

  List<DelistingRequest> byStatus(Connection c, String status, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM delisting_requests WHERE status = ? ORDER BY requested_at LIMIT ?")) {
      ps.setString(1, status);
      ps.setInt(2, limit);
      List<DelistingRequest> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(request(rs));
        }
      }
      return out;
    }
  }

  boolean decide(Connection c, String id, String status, String by, String note, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE delisting_requests SET status = ?, decided_at = ?, decided_by = ?, note = ?"
                + " WHERE id = ? AND status = 'queued'")) {
      ps.setString(1, status);
      ps.setLong(2, now.toEpochMilli());
      ps.setString(3, by);
      ps.setString(4, Text.clip(note, 1024));
      ps.setString(5, id);
      return ps.executeUpdate() > 0;
    }
  }

  private static DelistingRequest request(ResultSet rs) throws SQLException {
    long decided = rs.getLong(7);
    boolean undecided = rs.wasNull();
    return new DelistingRequest(
        rs.getString(1),
        IpAddress.parse(rs.getString(2)),
        Instant.ofEpochMilli(rs.getLong(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        undecided ? null : Instant.ofEpochMilli(decided),
        rs.getString(8),
        rs.getString(9));
  }
}
