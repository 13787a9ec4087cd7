package org.backstop.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web site's queries and operator actions on every database; one subclass per database. */
abstract class ListingQueriesContract extends ListingStoreFixture {

  ListingQueries queries;
  private int seq;

  @BeforeEach
  void openQueries() {
    queries = new ListingQueries(db, clock);
  }

  void report(IpAddress ip, EvidenceKind kind, String trap, String excerpt) {
    service.record(
        new Evidence(
            "q" + (++seq),
            ip,
            kind,
            "trap",
            clock.instant(),
            "mx.example.net",
            "",
            List.of(trap),
            "dsn",
            "a report",
            excerpt));
  }

  @Test
  void latestExcerptIsTheNewestListingEvidence() {
    report(A, EvidenceKind.BOUNCE, "t1@trap.example", "Subject: first\n");
    clock.advance(Duration.ofMinutes(1));
    report(A, EvidenceKind.BOUNCE, "t1@trap.example", "Subject: second\n");
    clock.advance(Duration.ofMinutes(1));
    report(A, EvidenceKind.SPAM, "t1@trap.example", "Subject: spam does not count\n");
    assertThat(queries.latestExcerpt(A)).hasValue("Subject: second\n");
    assertThat(queries.latestExcerpt(B)).isEmpty();
  }

  @Test
  void delistingRequestIsFoundByItsId() {
    report(A, EvidenceKind.BOUNCE, "t1@trap.example", null);
    DelistingRequest r = service.requestDelisting(A, "pm@example.net", "fixed");
    assertThat(queries.delistingRequest(r.id()))
        .hasValueSatisfying(q -> assertThat(q.ip()).isEqualTo(A));
    assertThat(queries.delistingRequest("' OR 1=1 --")).isEmpty();
  }

  @Test
  void figuresCountPerDayByKindAndTrap() {
    report(A, EvidenceKind.BOUNCE, "t1@trap.example", null);
    report(B, EvidenceKind.AUTOREPLY, "t2@trap.example", null);
    clock.advance(Duration.ofDays(1));
    report(A, EvidenceKind.BOUNCE, "t1@trap.example", null);
    service.remove(B, "test", "operator");
    ListingQueries.Figures f = queries.figures(3);
    assertThat(f.activeListings()).isEqualTo(1);
    assertThat(f.totalReports()).isEqualTo(3);
    LocalDate today = LocalDate.of(2026, 1, 6);
    assertThat(f.reportsPerDay())
        .containsExactly(
            new ListingQueries.DayCount(today.minusDays(2), 0),
            new ListingQueries.DayCount(today.minusDays(1), 2),
            new ListingQueries.DayCount(today, 1));
    assertThat(f.listingsPerDay())
        .extracting(ListingQueries.DayCount::count)
        .containsExactly(0L, 2L, 1L);
    assertThat(f.byKind()).containsEntry("bounce", 2L).containsEntry("autoreply", 1L);
    assertThat(f.topTraps())
        .containsExactly(
            new ListingQueries.TrapCount("t1@trap.example", 2),
            new ListingQueries.TrapCount("t2@trap.example", 1));
  }

  @Test
  void listingByHandListsAndIsAudited() {
    OperatorActions actions = new OperatorActions(db, service);
    assertThat(actions.listByHand(A, "seen in our logs", "admin").lists()).isTrue();
    assertThat(service.lookup(A).listed()).isTrue();
    assertThat(actions.listByHand(IpAddress.parse("10.0.0.1"), "private", "admin").lists())
        .as("special-purpose addresses are never listed")
        .isFalse();
    assertThat(service.audit(10)).extracting(AuditEntry::action).contains("listing.add");
  }
}
