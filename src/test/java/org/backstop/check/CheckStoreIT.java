package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The monitor's store on SQLite and on PostgreSQL: the same behaviour on both. */
class CheckStoreIT {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static ListResult result(String zone, ListStatus s, String... codes) {
    return new ListResult(
        zone,
        zone,
        s,
        List.of(codes),
        s == ListStatus.LISTED ? List.of("spam source") : List.of(),
        s == ListStatus.LISTED ? "see https://" + zone : null,
        null,
        "https://" + zone + "/remove",
        ListHealth.OK,
        3);
  }

  private static CheckReport report(Instant at, ListResult... rs) {
    return new CheckReport("192.0.2.5", TargetKind.IPV4, at, 10, List.of(rs));
  }

  private static String url(String db) throws Exception {
    return db.equals("sqlite") ? TestDatabases.sqlite() : TestDatabases.postgres();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void recordsRunsAndOnlyRealChanges(String db) throws Exception {
    String url = url(db);
    try {
      CheckStore store = CheckStore.open(url);
      assertThat(store.lastRun("192.0.2.5")).isNull();

      // First sight: a clean list is not news, a listing is.
      List<ListingChange> first =
          store.record(
              report(
                  T0,
                  result("a.test", ListStatus.CLEAN),
                  result("b.test", ListStatus.LISTED, "127.0.0.2")));
      assertThat(first)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.zone()).isEqualTo("b.test");
                assertThat(c.from()).isNull();
                assertThat(c.to()).isEqualTo(ListStatus.LISTED);
              });

      // An error on b changes nothing; a listing on a is a change.
      List<ListingChange> second =
          store.record(
              report(
                  T0.plusSeconds(3600),
                  result("a.test", ListStatus.LISTED, "127.0.0.4"),
                  result("b.test", ListStatus.ERROR)));
      assertThat(second).extracting(ListingChange::zone).containsExactly("a.test");
      assertThat(second.get(0).from()).isEqualTo(ListStatus.CLEAN);
      assertThat(store.listedZones("192.0.2.5")).containsExactly("a.test", "b.test");

      List<ListingChange> third =
          store.record(
              report(
                  T0.plusSeconds(7200),
                  result("a.test", ListStatus.LISTED, "127.0.0.4"),
                  result("b.test", ListStatus.CLEAN)));
      assertThat(third)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.zone()).isEqualTo("b.test");
                assertThat(c.from()).isEqualTo(ListStatus.LISTED);
                assertThat(c.to()).isEqualTo(ListStatus.CLEAN);
              });

      assertThat(store.lastRun("192.0.2.5")).isEqualTo(T0.plusSeconds(7200));
      assertThat(store.runs("192.0.2.5", 10))
          .hasSize(3)
          .first()
          .satisfies(r -> assertThat(r.listed()).isEqualTo(1));
      List<ListingChange> history = store.changes("192.0.2.5", 10);
      assertThat(history)
          .extracting(ListingChange::zone)
          .containsExactly("b.test", "a.test", "b.test");
      assertThat(history.get(1).codes()).containsExactly("127.0.0.4");
      assertThat(history.get(1).txt()).isEqualTo("see https://a.test");

      // Reopening migrates nothing twice and keeps the data.
      assertThat(CheckStore.open(url).runs("192.0.2.5", 10)).hasSize(3);
      try (Connection c = DriverManager.getConnection(url);
          ResultSet rs =
              c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_check_history")) {
        rs.next();
        assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
      }
    } finally {
      TestDatabases.drop(url);
    }
  }
}
