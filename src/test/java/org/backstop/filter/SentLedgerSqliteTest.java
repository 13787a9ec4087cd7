package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentLedgerSqliteTest extends SentLedgerContract {
  @TempDir Path dir;

  @Override
  String freshUrl() {
    return "jdbc:sqlite:" + dir.resolve("data/backstop.db");
  }

  @Override
  String user() {
    return null;
  }

  @Test
  void sharesADatabaseThatAlreadyHasOtherTablesAndSurvivesReopening() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("shared.db");
    try (var c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE someone_elses (x INTEGER)");
    }
    try (SentLedger a = SentLedger.open(url, null, null, clock)) {
      a.record(new SentMessage("id@x", "a@example.test", List.of("b@r.test"), Instant.EPOCH));
    }
    try (SentLedger b = SentLedger.open(url, null, null, clock)) {
      assertThat(b.contains("id@x")).isTrue();
    }
  }
}
