package org.backstop.listing;

class ListingQueriesPostgresTest extends ListingQueriesContract {
  @Override
  String freshUrl() {
    return TestDatabases.postgres();
  }

  @Override
  void dispose(String url) {
    TestDatabases.dropPostgres(url);
  }
}
