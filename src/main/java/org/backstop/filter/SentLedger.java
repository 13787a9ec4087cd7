package org.backstop.filter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of the messages this site sent (Message-ID and recipients), so that a bounce quoting a
 * Message-ID we never sent can be called backscatter. JDBC on SQLite by default or PostgreSQL by
 * URL; the schema is migrated by Flyway from {@code classpath:db/filter} into its own history
 * table, {@code flyway_filter_history}, so it can share a database with the listing.
 *
 * <p>One connection, used under a lock: the milter writes once per outbound message and reads once
 * per inbound bounce, far below what a pool would pay for; a broken connection is reopened.
 */
public final class SentLedger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SentLedger.class);

  /** RFC 5322 caps a line at 998 characters; nothing longer is a Message-ID. */
  static final int MAX_ID = 998;

  private final String url;
  private final Properties credentials;
  private final Clock clock;
  private Connection connection;

  private SentLedger(String url, Properties credentials, Clock clock) {
    this.url = url;
    this.credentials = credentials;
    this.clock = clock;
  }

  /**
   * Opens the ledger at a JDBC URL ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql:...}) and
   * migrates its schema.
   */
  public static SentLedger open(String jdbcUrl, String user, String password, Clock clock) {
    if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "unsupported database URL (use jdbc:sqlite:FILE or jdbc:postgresql://...): " + jdbcUrl);
    }
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      createParent(jdbcUrl.substring("jdbc:sqlite:".length()));
    }
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations("classpath:db/filter")
        .table("flyway_filter_history")
        // Another package's tables may already be there: start our own history at 0.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    return new SentLedger(jdbcUrl, p, clock);
  }

  /** Records a sent message, one row per recipient. */
  public synchronized void record(SentMessage m) {
    if (m.messageId().isEmpty()) {
      return;
    }
    run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO filter_sent_message (message_id, sender, recipient, sent_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            for (String r : m.recipients()) {
              ps.setString(1, m.messageId());
              ps.setString(2, cap(m.sender(), 512));
              ps.setString(3, cap(r, 512));
              ps.setLong(4, m.sentAt().toEpochMilli());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** True when a message with this Message-ID (brackets and case ignored) was sent. */
  public synchronized boolean contains(String messageId) {
    String id = normalise(messageId);
    if (id.isEmpty()) {
      return false;
    }
    return run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM filter_sent_message WHERE message_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /** Deletes entries older than the retention period and returns how many went. */
  public synchronized int purge(Duration retention) {
    long cutoff = clock.millis() - retention.toMillis();
    return run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM filter_sent_message WHERE sent_at < ?")) {
            ps.setLong(1, cutoff);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * The key a Message-ID is stored under: angle brackets and blanks removed, lower case (the case
   * of Message-IDs is not reliably preserved by the software that quotes them in bounces).
   */
  public static String normalise(String messageId) {
    if (messageId == null) {
      return "";
    }
    String s = messageId.strip();
    if (s.startsWith("<")) {
      s = s.substring(1);
    }
    if (s.endsWith(">")) {
      s = s.substring(0, s.length() - 1);
    }
    s = s.strip().toLowerCase(Locale.ROOT);
    return s.length() > MAX_ID ? s.substring(0, MAX_ID) : s;
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T run(Work<T> work) {
    try {
      return work.run(connection());
    } catch (SQLException first) {
      // A dropped server connection is worth one retry on a fresh one; a SQL error is not.
      log.warn("sent ledger: {}; reconnecting once", first.getMessage());
      closeQuietly();
      try {
        return work.run(connection());
      } catch (SQLException e) {
        closeQuietly();
        throw new LedgerException(e);
      }
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(url, credentials);
      if (url.startsWith("jdbc:sqlite:")) {
        try (Statement s = connection.createStatement()) {
          // WAL and a busy timeout let the listing and the filter share one SQLite file.
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA busy_timeout=30000");
        }
      }
    }
    return connection;
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // already broken
    }
    connection = null;
  }

  private static String cap(String s, int n) {
    return s.length() > n ? s.substring(0, n) : s;
  }

  private static void createParent(String file) {
    int q = file.indexOf('?');
    String f = q < 0 ? file : file.substring(0, q);
    if (f.isEmpty() || f.equals(":memory:") || f.startsWith("file:")) {
      return;
    }
    Path parent = Path.of(f).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create database directory " + parent, e);
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }

  /** A ledger operation failed after a retry. */
  public static final class LedgerException extends RuntimeException {
    LedgerException(SQLException cause) {
      super("sent ledger: " + cause.getMessage(), cause);
    }
  }
}
