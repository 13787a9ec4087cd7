package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.backstop.listing.Database;
import org.backstop.listing.ListingPolicy;
import org.backstop.listing.ListingService;
import org.backstop.listing.MessageEvidence;
import org.backstop.listing.PolicyConfig;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.net.IpAddress;
import org.backstop.trap.TrapDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trap's batch hand-over: one transaction per batch, and one bad delivery spoils nothing. */
class ListingTrapSinkTest {
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @TempDir Path dir;
  Database db;
  ListingService service;
  ListingTrapSink sink;

  @BeforeEach
  void open() {
    db = Database.open(Database.sqliteUrl(dir));
    service =
        new ListingService(
            db, new ListingPolicy(PolicyConfig.defaults()), Clock.fixed(T0, ZoneOffset.UTC));
    sink = new ListingTrapSink(service, new MessageEvidence(new BounceAnalyzer()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  TrapDelivery callout(String id, String ip) {
    return new TrapDelivery(
        id, T0, IpAddress.parse(ip), "mx.example", "", List.of("t@trap.example"), null, true);
  }

  TrapDelivery message(String id, String ip, String message) {
    byte[] raw = message == null ? null : message.getBytes(StandardCharsets.US_ASCII);
    return new TrapDelivery(
        id, T0, IpAddress.parse(ip), "mx.example", "", List.of("t@trap.example"), raw, false);
  }

  @Test
  void aBatchListsEveryAddressOnceEvenWhenHandedOverTwice() throws Exception {
    String spam = "Subject: hi\r\n\r\nbuy\r\n";
    List<TrapDelivery> batch =
        List.of(callout("a", "8.8.4.4"), callout("b", "9.9.9.9"), message("c", "1.1.1.1", spam));
    sink.acceptAll(batch);
    sink.acceptAll(batch); // a replay after a crash
    assertThat(service.count(true)).isEqualTo(2); // spam to a trap is recorded, not listed
    assertThat(service.lookup(IpAddress.parse("8.8.4.4")).listing().impact()).isEqualTo(1);
    assertThat(service.lookup(IpAddress.parse("1.1.1.1")).evidence()).hasSize(1);
  }

  @Test
  void aMessageWithoutItsBytesFailsTheBatchButTheOthersAreStored() {
    String missing = null;
    List<TrapDelivery> batch =
        List.of(callout("a", "8.8.4.4"), message("b", "1.1.1.1", missing), callout("c", "9.9.9.9"));
    assertThatThrownBy(() -> sink.acceptAll(batch)).isInstanceOf(IOException.class);
    assertThat(service.lookup(IpAddress.parse("8.8.4.4")).listed()).isTrue();
    assertThat(service.lookup(IpAddress.parse("9.9.9.9")).listed()).isTrue();
    assertThat(service.lookup(IpAddress.parse("1.1.1.1")).evidence()).isEmpty();
  }
}
