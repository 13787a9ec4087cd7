package org.backstop.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The append-only record of operator actions. */
final class AuditLog {

  void append(Connection c, AuditEntry e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (id, at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, Ids.next(e.at()));
      ps.setLong(2, e.at().toEpochMilli());
      ps.setString(3, Text.clip(e.actor(), 255));
      ps.setString(4, e.action());
      ps.setString(5, Text.clip(e.target(), 255));
      ps.setString(6, Text.clip(e.detail(), 4000));
      ps.executeUpdate();
    }
  }

  List<AuditEntry> recent(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT at, actor, action, target, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?")) {
      ps.setInt(1, limit);
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AuditEntry(
                  Instant.ofEpochMilli(rs.getLong(1)),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
      }
      return out;
    }
  }
}
