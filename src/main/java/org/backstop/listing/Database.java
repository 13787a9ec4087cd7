package org.backstop.listing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The listing database: a pooled JDBC data source for SQLite (the default) or PostgreSQL, with the
 * listing schema migrated by Flyway from {@code classpath:db/listing} into its own history table,
 * so other packages can keep their own migrations in the same database.
 */
public final class Database implements AutoCloseable {

  /** The SQL dialect in use; the schema is written to run on both. */
  public enum Vendor {
    SQLITE,
    POSTGRESQL
  }

  private final HikariDataSource dataSource;
  private final Vendor vendor;
  // SQLite allows one writer at a time and fails a deferred transaction that upgrades to a
  // write lock while another connection writes; serialising writers in-process avoids that.
  private final ReentrantLock writeLock = new ReentrantLock();

  private Database(HikariDataSource dataSource, Vendor vendor) {
    this.dataSource = dataSource;
    this.vendor = vendor;
  }

  /** The default database: SQLite in {@code DIR/backstop.db}. */
  public static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve("backstop.db").toAbsolutePath();
  }

  /**
   * Opens the database at a JDBC URL ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql:...}) and
   * migrates the listing schema.
   */
  public static Database open(String jdbcUrl) {
    Vendor vendor;
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setPoolName("listing-db");
    cfg.setConnectionTimeout(30_000);
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      vendor = Vendor.SQLITE;
      createParent(jdbcUrl.substring("jdbc:sqlite:".length()));
      // WAL lets readers (web, DNS publisher) run while one writer records evidence.
      cfg.addDataSourceProperty("journal_mode", "WAL");
      // FULL, not NORMAL: the trap deletes its spool file once a commit returns, so the commit
      // itself must survive a power failure. The trap commits a batch per transaction, so this
      // costs one fsync per batch, not per message.
      cfg.addDataSourceProperty("synchronous", "FULL");
      cfg.addDataSourceProperty("busy_timeout", "30000");
      cfg.addDataSourceProperty("foreign_keys", "true");
      cfg.setMaximumPoolSize(4);
    } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      vendor = Vendor.POSTGRESQL;
      cfg.setMaximumPoolSize(8);
    } else {
      throw new IllegalArgumentException(
          "unsupported database URL (use jdbc:sqlite:FILE or jdbc:postgresql://...): " + jdbcUrl);
    }
    HikariDataSource ds = new HikariDataSource(cfg);
    try {
      migrate(ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, vendor);
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

  private static void migrate(DataSource ds) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/listing")
        .table("flyway_listing_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  public Vendor vendor() {
    return vendor;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Work done in one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs a read in autocommit mode. */
  public <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageException(e);
    }
  }

  /** Runs work in one transaction, committed when it returns and rolled back when it throws. */
  public <T> T write(Work<T> work) {
    boolean lock = vendor == Vendor.SQLITE;
    if (lock) {
      writeLock.lock();
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T t = work.run(c);
        c.commit();
        return t;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageException(e);
    } finally {
      if (lock) {
        writeLock.unlock();
      }
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
