package org.backstop.filter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The same contract on PostgreSQL at 127.0.0.1:5432 (database {@code test}); each test gets its own
 * schema so parallel runs on the shared server never collide.
 */
class SentLedgerPostgresTest extends SentLedgerContract {
  private static final String BASE = "jdbc:postgresql://127.0.0.1:5432/test";
  private String schema;

  @Override
  String freshUrl() throws Exception {
    schema = "filter_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(BASE, "postgres", null);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return BASE + "?currentSchema=" + schema;
  }

  @Override
  String user() {
    return "postgres";
  }

  @AfterEach
  void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(BASE, "postgres", null);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
