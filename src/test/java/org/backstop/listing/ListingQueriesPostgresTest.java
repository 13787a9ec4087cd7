package org.backstop.listing;

class ListingQueriesPostgresTest extends ListingQueriesContract {
  private String url;

  @Override
  String freshUrl() {
    url = TestDatabases.postgres();
    return url;
  }

  @Override
  void dispose() {
    TestDatabases.dropPostgres(url);
  }
}
