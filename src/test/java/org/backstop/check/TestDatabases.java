package org.backstop.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * JDBC URLs for store tests: a fresh SQLite file, or a fresh schema in the PostgreSQL at
 * 127.0.0.1:5432 database {@code test}, so parallel runs never see each other's rows.
 */
final class TestDatabases {
  private TestDatabases() {}

  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  static String sqlite() throws Exception {
    Path dir = Files.createTempDirectory("backstop-check-");
    dir.toFile().deleteOnExit();
    return "jdbc:sqlite:" + dir.resolve("check.db");
  }

  /** Creates a schema of its own and returns a URL whose default schema it is. */
  static String postgres() {
    String schema = "check_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(PG);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL must run at 127.0.0.1:5432 with database 'test' (see .ci/run): "
              + e.getMessage(),
          e);
    }
    return PG + "&currentSchema=" + schema;
  }

  /** Drops a schema made by {@link #postgres()}; a no-op for SQLite URLs. */
  static void drop(String url) {
    int i = url.indexOf("currentSchema=");
    if (i < 0) {
      return;
    }
    try (Connection c = DriverManager.getConnection(PG);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + url.substring(i + "currentSchema=".length()) + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
