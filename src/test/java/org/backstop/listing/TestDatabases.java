package org.backstop.listing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases for storage tests: a fresh SQLite file, or a fresh schema in the PostgreSQL at
 * 127.0.0.1:5432 (database {@code test}), unique per run so parallel runs do not collide.
 */
public final class TestDatabases {
  public static final String PG_BASE =
      System.getProperty("backstop.test.pg", "jdbc:postgresql://127.0.0.1:5432/test");

  private TestDatabases() {}

  public static String sqlite(Path dir) {
    return Database.sqliteUrl(dir);
  }

  /** Creates a schema and returns a URL that uses it; {@link #dropPostgres} removes it. */
  public static String postgres() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(PG_BASE + "?user=postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is needed at " + PG_BASE + " (user postgres, trust auth): " + e.getMessage(),
          e);
    }
    return PG_BASE + "?user=postgres&currentSchema=" + schema;
  }

  public static void dropPostgres(String url) {
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    try (Connection c = DriverManager.getConnection(PG_BASE + "?user=postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
