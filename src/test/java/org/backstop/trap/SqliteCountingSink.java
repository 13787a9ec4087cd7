package org.backstop.trap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A durable test sink: one SQLite row per delivery id (INSERT OR IGNORE, so a replay after a crash
 * adds nothing), with the message's X-Seq header so a test can count each message.
 */
final class SqliteCountingSink implements TrapSink, AutoCloseable {
  private static final Pattern SEQ = Pattern.compile("(?m)^X-Seq: (\\d+)\\r?$");
  private final Connection db;
  private final PreparedStatement insert;

  SqliteCountingSink(Path file) throws SQLException {
    db = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute(
          "CREATE TABLE IF NOT EXISTS deliveries (id TEXT PRIMARY KEY, seq INTEGER, client TEXT)");
    }
    insert =
        db.prepareStatement("INSERT OR IGNORE INTO deliveries (id, seq, client) VALUES (?, ?, ?)");
  }

  @Override
  public synchronized void accept(TrapDelivery d) throws Exception {
    Integer seq = null;
    if (d.message() != null) {
      Matcher m = SEQ.matcher(new String(Files.readAllBytes(d.message()), StandardCharsets.UTF_8));
      if (m.find()) {
        seq = Integer.valueOf(m.group(1));
      }
    }
    insert.setString(1, d.id());
    insert.setObject(2, seq);
    insert.setString(3, d.client().toString());
    insert.executeUpdate();
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
