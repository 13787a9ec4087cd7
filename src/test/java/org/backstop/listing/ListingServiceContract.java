package org.backstop.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage and policy behaviour every database must show; one subclass per database. */
abstract class ListingServiceContract extends ListingStoreFixture {

  final AtomicInteger changes = new AtomicInteger();
  private int seq;

  @BeforeEach
  void countChanges() {
    service.onChange(changes::incrementAndGet);
  }

  Evidence evidence(IpAddress ip, EvidenceKind kind, String reporter) {
    return new Evidence(
        "e" + (++seq),
        ip,
        kind,
        reporter,
        clock.instant(),
        "mx.example.net",
        "",
        List.of("trap@trap.example"),
        kind == EvidenceKind.CALLOUT ? null : "dsn",
        "bounce of \"Cheap pills\"",
        "Subject: Undelivered Mail\r\n");
  }

  @Test
  void trapBounceListsWithImpactTimesAndSamples() {
    Decision d = service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    assertThat(d.outcome()).isEqualTo(Outcome.LISTED);
    clock.advance(Duration.ofHours(1));
    assertThat(service.record(evidence(A, EvidenceKind.AUTOREPLY, "trap")).outcome())
        .isEqualTo(Outcome.RENEWED);

    LookupResult r = service.lookup(A);
    assertThat(r.listed()).isTrue();
    assertThat(r.listing().impact()).isEqualTo(2);
    assertThat(r.listing().firstReport()).isEqualTo(T0);
    assertThat(r.listing().lastReport()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(r.listing().expiresAt())
        .isEqualTo(T0.plus(Duration.ofHours(1)).plus(Duration.ofDays(28)));
    assertThat(r.evidence())
        .extracting(EvidenceSample::kind)
        .containsExactly(EvidenceKind.AUTOREPLY, EvidenceKind.BOUNCE);
    assertThat(r.history()).extracting(HistoryEvent::event).containsExactly("listed");
    assertThat(changes.get()).isEqualTo(1);
  }

  @Test
  void theSameEvidenceRecordedTwiceCountsOnce() {
    Evidence e = evidence(A, EvidenceKind.BOUNCE, "trap");
    service.record(e);
    Decision again = service.record(e);
    assertThat(again.outcome()).isEqualTo(Outcome.LISTED);
    assertThat(service.lookup(A).listing().impact()).isEqualTo(1);
    assertThat(service.lookup(A).evidence()).hasSize(1);
  }

  @Test
  void calloutListsWithItsOwnEvidenceKind() {
    Decision d = service.record(evidence(B, EvidenceKind.CALLOUT, "trap"));
    assertThat(d.outcome()).isEqualTo(Outcome.LISTED);
    assertThat(d.reason()).contains("callout");
    assertThat(service.lookup(B).evidence().get(0).kind()).isEqualTo(EvidenceKind.CALLOUT);
  }

  @Test
  void spamToATrapIsRecordedButNotListed() {
    Decision d = service.record(evidence(A, EvidenceKind.SPAM, "trap"));
    assertThat(d.outcome()).isEqualTo(Outcome.RECORDED);
    LookupResult r = service.lookup(A);
    assertThat(r.listed()).isFalse();
    assertThat(r.listing()).isNull();
    assertThat(r.evidence()).hasSize(1);
    assertThat(changes.get()).isZero();
  }

  @Test
  void specialPurposeAddressesAreNeverListed() {
    Decision d =
        service.record(evidence(IpAddress.parse("192.168.1.1"), EvidenceKind.BOUNCE, "trap"));
    assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(d.reason()).contains("Private-Use");
    assertThat(service.lookup(IpAddress.parse("192.168.1.1")).listed()).isFalse();
    assertThat(
            service
                .record(evidence(IpAddress.parse("fe80::1"), EvidenceKind.BOUNCE, "trap"))
                .outcome())
        .isEqualTo(Outcome.REFUSED);
  }

  @Test
  void allowlistedAddressesAreNeverListedAndAllowingEndsAListing() {
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    List<IpAddress> ended = service.allow(Cidr.parse("8.8.4.0/24"), "our partner", "admin");
    assertThat(ended).containsExactly(A);
    assertThat(service.lookup(A).listed()).isFalse();
    assertThat(service.lookup(A).allowlisted()).isEqualTo("our partner");
    Decision d = service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(service.allowlist()).hasSize(1);
    assertThat(service.disallow(Cidr.parse("8.8.4.0/24"), "admin")).isTrue();
    assertThat(service.record(evidence(A, EvidenceKind.BOUNCE, "trap")).outcome())
        .isEqualTo(Outcome.LISTED);
    assertThat(service.audit(10))
        .extracting(AuditEntry::action)
        .contains("allowlist.add", "allowlist.remove");
  }

  @Test
  void externalReportsListOnlyWhenTwoIndependentReportersAgree() {
    String alice = service.createReporter("alice", false, "admin").reporter().id();
    String bob = service.createReporter("bob", false, "admin").reporter().id();
    assertThat(service.record(evidence(A, EvidenceKind.BOUNCE, alice)).outcome())
        .isEqualTo(Outcome.RECORDED);
    clock.advance(Duration.ofMinutes(5));
    Decision same = service.record(evidence(A, EvidenceKind.BOUNCE, alice));
    assertThat(same.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(same.reason()).contains("1 of 2");
    // Spam from a second reporter is no agreement about backscatter.
    assertThat(service.record(evidence(A, EvidenceKind.SPAM, bob)).outcome())
        .isEqualTo(Outcome.RECORDED);
    assertThat(service.lookup(A).listed()).isFalse();
    Decision agreed = service.record(evidence(A, EvidenceKind.AUTOREPLY, bob));
    assertThat(agreed.outcome()).isEqualTo(Outcome.LISTED);
    assertThat(agreed.reason()).contains("2 independent reporters");
    assertThat(service.lookup(A).listed()).isTrue();
  }

  @Test
  void externalReportsOutsideTheWindowDoNotAgree() {
    String alice = service.createReporter("alice", false, "admin").reporter().id();
    String bob = service.createReporter("bob", false, "admin").reporter().id();
    service.record(evidence(A, EvidenceKind.BOUNCE, alice));
    clock.advance(Duration.ofDays(29));
    assertThat(service.record(evidence(A, EvidenceKind.BOUNCE, bob)).outcome())
        .isEqualTo(Outcome.RECORDED);
  }

  @Test
  void unknownReportersAreRejected() {
    assertThatThrownBy(() -> service.record(evidence(A, EvidenceKind.BOUNCE, "nobody")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aListingExpires28DaysAfterItsLastReport() {
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    clock.advance(Duration.ofDays(10));
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    clock.advance(Duration.ofDays(27));
    assertThat(service.expire()).isEmpty();
    assertThat(service.lookup(A).listed()).isTrue();
    clock.advance(Duration.ofDays(1));
    assertThat(service.expire()).containsExactly(A);
    LookupResult r = service.lookup(A);
    assertThat(r.listed()).isFalse();
    assertThat(r.listing().active()).isFalse();
    assertThat(r.history()).extracting(HistoryEvent::event).containsExactly("expired", "listed");
    // New evidence after expiry starts a new listing.
    assertThat(service.record(evidence(A, EvidenceKind.BOUNCE, "trap")).outcome())
        .isEqualTo(Outcome.LISTED);
    assertThat(service.lookup(A).listing().impact()).isEqualTo(1);
  }

  @Test
  void publishedAddressesExcludeExpiredOnesEvenBeforeTheExpiryRuns() {
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    service.record(evidence(B, EvidenceKind.CALLOUT, "trap"));
    List<String> seen = new ArrayList<>();
    assertThat(service.forEachListed(seen::add)).isEqualTo(2);
    assertThat(seen).containsExactlyInAnyOrder(A.toString(), B.toString());
    clock.advance(Duration.ofDays(28));
    seen.clear();
    assertThat(service.forEachListed(seen::add)).isZero();
  }

  @Test
  void removalEndsAListingWithHistoryAndAudit() {
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    long v = service.version();
    assertThat(service.remove(A, "fixed their bounce config", "admin")).isTrue();
    assertThat(service.remove(A, "again", "admin")).isFalse();
    assertThat(service.remove(B, "never listed", "admin")).isFalse();
    assertThat(service.version()).isGreaterThan(v);
    LookupResult r = service.lookup(A);
    assertThat(r.listed()).isFalse();
    assertThat(r.history().get(0).event()).isEqualTo("removed");
    assertThat(r.history().get(0).reason()).isEqualTo("fixed their bounce config");
    assertThat(service.audit(5).get(0).action()).isEqualTo("listing.remove");
    assertThat(service.list(true, 10, 0)).isEmpty();
    assertThat(service.list(false, 10, 0)).hasSize(1);
  }

  @Test
  void reporterTokensAuthenticateUntilDisabled() {
    ReporterToken t = service.createReporter("volunteer", false, "admin");
    assertThat(service.authenticate(t.token())).map(Reporter::name).contains("volunteer");
    assertThat(service.authenticate(t.token() + "x")).isEmpty();
    assertThat(service.authenticate("")).isEmpty();
    assertThat(service.authenticate(null)).isEmpty();
    assertThatThrownBy(() -> service.createReporter("volunteer", false, "admin"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(service.disableReporter("volunteer", "admin")).isTrue();
    assertThat(service.authenticate(t.token())).isEmpty();
    assertThat(service.reporters())
        .extracting(Reporter::name)
        .contains("trap", "operator", "volunteer");
  }

  @Test
  void anApprovedDelistingRequestRemovesTheListing() {
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    DelistingRequest r = service.requestDelisting(A, "postmaster@example.net", "fixed it");
    assertThat(service.delistingRequests("queued", 10))
        .extracting(DelistingRequest::id)
        .containsExactly(r.id());
    assertThat(service.decideDelisting(r.id(), true, "admin", "ok")).isTrue();
    assertThat(service.decideDelisting(r.id(), false, "admin", "twice")).isFalse();
    assertThat(service.lookup(A).listed()).isFalse();
    assertThat(service.delistingRequests("approved", 10)).hasSize(1);
    assertThat(service.decideDelisting("no-such-id", true, "admin", "")).isFalse();
  }

  @Test
  void migrationsRunOnceAndReopenKeepsData() throws Exception {
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    assertThat(service.count(true)).isEqualTo(1);
  }

  @Test
  void theChangeLogTellsAPublisherWhatChangedSinceAVersion() {
    long v0 = service.version();
    assertThat(service.changesSince(v0)).hasValueSatisfying(c -> assertThat(c.changes()).isEmpty());
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap"));
    service.record(evidence(A, EvidenceKind.BOUNCE, "trap")); // a renewal changes nothing published
    service.record(evidence(B, EvidenceKind.CALLOUT, "trap"));
    service.remove(A, "test", "admin");
    ListingChanges c = service.changesSince(v0).orElseThrow();
    assertThat(c.version()).isEqualTo(service.version());
    assertThat(c.changes())
        .extracting(ch -> ch.ip() + (ch.listed() ? "+" : "-"))
        .containsExactly(A + "+", B + "+", A + "-");
    assertThat(service.changesSince(c.version()).orElseThrow().changes()).isEmpty();
    // A week later the expiry run prunes the log; a reader that far behind must reload.
    clock.advance(Duration.ofDays(8));
    service.expire();
    assertThat(service.changesSince(v0)).isEmpty();
  }

  @Test
  void aBatchIsRecordedAsOneByOneWouldBeAndOnlyOnce() {
    Evidence before = evidence(A, EvidenceKind.BOUNCE, "trap");
    service.record(before);
    changes.set(0);
    Evidence renewal = evidence(A, EvidenceKind.AUTOREPLY, "trap");
    Evidence fresh = evidence(B, EvidenceKind.CALLOUT, "trap");
    Evidence spam = evidence(IpAddress.parse("9.9.9.9"), EvidenceKind.SPAM, "trap");
    List<Decision> ds = service.recordAll(List.of(before, renewal, fresh, spam, fresh));
    assertThat(ds)
        .extracting(Decision::outcome)
        .containsExactly(
            Outcome.LISTED, Outcome.RENEWED, Outcome.LISTED, Outcome.RECORDED, Outcome.LISTED);
    assertThat(service.lookup(A).listing().impact()).isEqualTo(2);
    assertThat(service.lookup(B).listing().impact()).isEqualTo(1);
    assertThat(service.lookup(B).evidence()).hasSize(1);
    assertThat(changes.get()).isEqualTo(1); // one notification for the batch
    // The whole batch again (a replay of the spool after a crash) stores nothing new.
    service.recordAll(List.of(renewal, fresh, spam));
    assertThat(service.lookup(A).listing().impact()).isEqualTo(2);
    assertThat(service.lookup(A).evidence()).hasSize(2);
    assertThat(changes.get()).isEqualTo(1);
    assertThat(service.recordAll(List.of())).isEmpty();
  }

  @Test
  void aBatchWithABadEntryStoresNothing() {
    Evidence good = evidence(A, EvidenceKind.BOUNCE, "trap");
    Evidence bad = evidence(B, EvidenceKind.BOUNCE, "nobody");
    assertThatThrownBy(() -> service.recordAll(List.of(good, bad)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(service.lookup(A).listing()).isNull();
    assertThat(service.lookup(A).evidence()).isEmpty();
    assertThat(changes.get()).isZero();
  }
}
