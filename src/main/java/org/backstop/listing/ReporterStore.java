package org.backstop.listing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reporters and their bearer tokens. A token is 256 random bits and only its SHA-256 is stored: a
 * slow password hash (bcrypt) buys nothing for a secret that cannot be guessed, and a fast one lets
 * every API request look the reporter up by an index.
 */
final class ReporterStore {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new reporter and the token to give it, shown once. */
  record Created(Reporter reporter, String token) {}

  Created create(Connection c, String name, boolean trusted, Instant now) throws SQLException {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = "bst_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Reporter r = new Reporter(UUID.randomUUID().toString(), name, trusted, false, now);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO reporters (id, name, token_hash, trusted, disabled, created_at)"
                + " VALUES (?, ?, ?, ?, 0, ?)")) {
      ps.setString(1, r.id());
      ps.setString(2, name);
      ps.setString(3, hash(token));
      ps.setInt(4, trusted ? 1 : 0);
      ps.setLong(5, now.toEpochMilli());
      ps.executeUpdate();
    }
    return new Created(r, token);
  }

  Optional<Reporter> byToken(Connection c, String token) throws SQLException {
    if (token == null || token.length() < 8 || token.length() > 200) {
      return Optional.empty();
    }
    return one(c, "token_hash = ? AND disabled = 0", hash(token));
  }

  Optional<Reporter> byId(Connection c, String id) throws SQLException {
    return one(c, "id = ?", id);
  }

  Optional<Reporter> byName(Connection c, String name) throws SQLException {
    return one(c, "name = ?", name);
  }

  List<Reporter> all(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, name, trusted, disabled, created_at FROM reporters ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      List<Reporter> out = new ArrayList<>();
      while (rs.next()) {
        out.add(reporter(rs));
      }
      return out;
    }
  }

  void setDisabled(Connection c, String id, boolean disabled) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE reporters SET disabled = ? WHERE id = ?")) {
      ps.setInt(1, disabled ? 1 : 0);
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  private Optional<Reporter> one(Connection c, String where, String arg) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, name, trusted, disabled, created_at FROM reporters WHERE " + where)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(reporter(rs)) : Optional.empty();
      }
    }
  }

  private static Reporter reporter(ResultSet rs) throws SQLException {
    return new Reporter(
        rs.getString(1),
        rs.getString(2),
        rs.getInt(3) == 1,
        rs.getInt(4) == 1,
        Instant.ofEpochMilli(rs.getLong(5)));
  }

  static String hash(String token) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
