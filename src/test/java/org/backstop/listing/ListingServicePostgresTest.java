package org.backstop.listing;

class ListingServicePostgresTest extends ListingServiceContract {
  @Override
  String freshUrl() {
    return TestDatabases.postgres();
  }

  @Override
  void dispose(String url) {
    TestDatabases.dropPostgres(url);
  }
}
