package org.backstop.listing;

class ListingServicePostgresTest extends ListingServiceContract {
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
