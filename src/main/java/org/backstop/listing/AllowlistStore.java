package org.backstop.listing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/** Networks that are never listed. The list is small (operators' own and partners' networks). */
final class AllowlistStore {

  void add(Connection c, AllowlistEntry e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO allowlist (cidr, reason, added_at, added_by) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (cidr) DO UPDATE SET reason = excluded.reason,"
                + " added_at = excluded.added_at, added_by = excluded.added_by")) {
      ps.setString(1, e.network().toString());
      ps.setString(2, Text.clip(e.reason(), 1024));
      ps.setLong(3, e.addedAt().toEpochMilli());
      ps.setString(4, e.addedBy());
      ps.executeUpdate();
    }
  }

  boolean remove(Connection c, Cidr network) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM allowlist WHERE cidr = ?")) {
      ps.setString(1, network.toString());
      return ps.executeUpdate() > 0;
    }
  }

  List<AllowlistEntry> all(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT cidr, reason, added_at, added_by FROM allowlist ORDER BY cidr");
        ResultSet rs = ps.executeQuery()) {
      List<AllowlistEntry> out = new ArrayList<>();
      while (rs.next()) {
        out.add(
            new AllowlistEntry(
                Cidr.parse(rs.getString(1)),
                rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4)));
      }
      return out;
    }
  }

  /** The entry covering the address, if any. */
  Optional<AllowlistEntry> find(Connection c, IpAddress ip) throws SQLException {
    return all(c).stream().filter(e -> e.network().contains(ip)).findFirst();
  }
}
