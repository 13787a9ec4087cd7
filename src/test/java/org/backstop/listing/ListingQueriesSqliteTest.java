package org.backstop.listing;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class ListingQueriesSqliteTest extends ListingQueriesContract {
  @TempDir Path dir;

  @Override
  String freshUrl() {
    return TestDatabases.sqlite(dir);
  }
}
