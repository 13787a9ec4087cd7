package org.backstop.listing;

import java.time.Instant;
import org.backstop.net.IpAddress;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh database with a listing service on a test clock, for the storage contracts that every
 * database must meet; a subclass per contract and database names the database.
 */
abstract class ListingStoreFixture {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  static final IpAddress A = IpAddress.parse("8.8.4.4");
  static final IpAddress B = IpAddress.parse("2a00:1450:4001::25");

  MutableClock clock;
  Database db;
  ListingService service;
  private String url;

  /** A JDBC URL for a fresh, empty database. */
  abstract String freshUrl() throws Exception;

  /** Removes what {@link #freshUrl} made, when closing the connection does not. */
  void dispose(String url) {}

  @BeforeEach
  void openStore() throws Exception {
    clock = new MutableClock(T0);
    url = freshUrl();
    db = Database.open(url);
    service = new ListingService(db, new ListingPolicy(PolicyConfig.defaults()), clock);
  }

  @AfterEach
  void closeStore() {
    db.close();
    dispose(url);
  }
}
