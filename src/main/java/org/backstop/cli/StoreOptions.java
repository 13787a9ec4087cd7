package org.backstop.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.backstop.listing.Database;
import org.backstop.listing.ListingPolicy;
import org.backstop.listing.ListingService;
import picocli.CommandLine.Option;

/**
 * The options {@code serve} and the operator commands share to find the config file, the data
 * directory and the database, so that an operator command opens the store {@code serve} uses.
 */
final class StoreOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file (see README).")
  Path config;

  @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: data).")
  Path data;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description = "Database (default: SQLite DIR/backstop.db).")
  String db;

  /** A settings builder from the defaults, then the config file, then these flags. */
  SettingsBuilder builder() throws Exception {
    SettingsBuilder b = new SettingsBuilder();
    if (config != null) {
      b.file(config);
    }
    if (data != null) {
      b.data = data;
    }
    if (db != null) {
      b.db = db;
    }
    return b;
  }

  ServeSettings settings() throws Exception {
    return builder().build();
  }

  /** The database and the listing service on it; closing closes the database. */
  record Opened(Database db, ListingService listings, ServeSettings settings)
      implements AutoCloseable {
    @Override
    public void close() {
      db.close();
    }
  }

  Opened open() throws Exception {
    ServeSettings s = settings();
    Database d = Database.open(s.jdbcUrl());
    return new Opened(
        d, new ListingService(d, new ListingPolicy(s.policy()), Clock.systemUTC()), s);
  }
}
