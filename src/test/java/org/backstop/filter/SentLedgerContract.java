package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sent ledger's behaviour, run against each database by a subclass. */
abstract class SentLedgerContract {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  SentLedger ledger;

  /** A JDBC URL to a fresh, empty database or schema. */
  abstract String freshUrl() throws Exception;

  abstract String user();

  @BeforeEach
  void open() throws Exception {
    ledger = SentLedger.open(freshUrl(), user(), null, clock);
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  @Test
  void findsARecordedMessageIgnoringBracketsAndCase() {
    ledger.record(
        new SentMessage(
            "<ABC.123@Mx.Example.Test>",
            "alice@example.test",
            List.of("bob@remote.test", "carol@remote.test"),
            clock.instant()));
    assertThat(ledger.contains("abc.123@mx.example.test")).isTrue();
    assertThat(ledger.contains(" <ABC.123@MX.EXAMPLE.TEST> ")).isTrue();
    assertThat(ledger.contains("other@mx.example.test")).isFalse();
  }

  @Test
  void emptyOrMissingIdsAreNeverFound() {
    ledger.record(new SentMessage("", "alice@example.test", List.of("b@r.test"), clock.instant()));
    assertThat(ledger.contains("")).isFalse();
    assertThat(ledger.contains(null)).isFalse();
    assertThat(ledger.contains("<>")).isFalse();
  }

  @Test
  void purgeForgetsMessagesOlderThanTheRetention() {
    ledger.record(new SentMessage("old@x", "a@example.test", List.of("b@r.test"), clock.instant()));
    clock.advance(Duration.ofDays(20));
    ledger.record(new SentMessage("new@x", "a@example.test", List.of("b@r.test"), clock.instant()));
    clock.advance(Duration.ofDays(15));
    assertThat(ledger.purge(Duration.ofDays(30))).isEqualTo(1);
    assertThat(ledger.contains("old@x")).isFalse();
    assertThat(ledger.contains("new@x")).isTrue();
  }

  @Test
  void overlongValuesAreCappedNotRefused() {
    String id = "x".repeat(2000) + "@example.test";
    ledger.record(new SentMessage(id, "a".repeat(900), List.of("r".repeat(900)), clock.instant()));
    assertThat(ledger.contains(id)).isTrue();
  }
}
