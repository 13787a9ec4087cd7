package org.backstop.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.backstop.net.IpAddress;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  Database db;
  ListingService service;
  final LinkedBlockingQueue<ZoneContent> published = new LinkedBlockingQueue<>();
  int seq;

  @BeforeEach
  void open() {
    db = Database.open(TestDatabases.sqlite(dir));
    service = new ListingService(db, new ListingPolicy(PolicyConfig.defaults()), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private Publisher publisher(ListingService s) {
    return new Publisher(
        s, List.of(published::add), clock, Duration.ofMillis(200), Duration.ofMillis(50));
  }

  private Evidence bounce(String ip) {
    return new Evidence(
        "p" + (++seq),
        IpAddress.parse(ip),
        EvidenceKind.BOUNCE,
        "trap",
        clock.instant(),
        null,
        "",
        List.of(),
        "dsn",
        "",
        null);
  }

  private static List<String> names(ZoneContent z) {
    return z.addresses().stream().map(IpAddress::toString).toList();
  }

  private ZoneContent next() throws InterruptedException {
    ZoneContent z = published.poll(5, TimeUnit.SECONDS);
    assertThat(z).as("a publication within 5 seconds").isNotNull();
    return z;
  }

  @Test
  void aNewListingIsPublishedUnderAGreaterSerial() throws Exception {
    try (Publisher p = publisher(service).start()) {
      ZoneContent first = next();
      assertThat(names(first)).isEmpty();
      service.record(bounce("8.8.8.8"));
      ZoneContent second = next();
      assertThat(names(second)).containsExactly("8.8.8.8");
      assertThat(second.serial()).isGreaterThan(first.serial());
      assertThat(p.publish().addresses()).isEqualTo(1);
    }
  }

  @Test
  void changesFromAnotherProcessArePickedUpByPolling() throws Exception {
    try (Publisher p = publisher(service).start();
        Database other = Database.open(TestDatabases.sqlite(dir))) {
      next();
      ListingService cli =
          new ListingService(other, new ListingPolicy(PolicyConfig.defaults()), clock);
      cli.record(bounce("9.9.9.9"));
      assertThat(names(next())).containsExactly("9.9.9.9");
    }
  }

  @Test
  void expiryAndRemovalRepublish() throws Exception {
    service.record(bounce("8.8.8.8"));
    service.record(bounce("1.1.1.1"));
    Expirer expirer = new Expirer(service, Duration.ofHours(1));
    try (Publisher p = publisher(service).start()) {
      assertThat(names(next())).containsExactlyInAnyOrder("8.8.8.8", "1.1.1.1");
      service.remove(IpAddress.parse("1.1.1.1"), "asked nicely", "op");
      assertThat(names(next())).containsExactly("8.8.8.8");
      clock.advance(Duration.ofDays(28));
      assertThat(expirer.runOnce()).containsExactly(IpAddress.parse("8.8.8.8"));
      assertThat(names(next())).isEmpty();
    } finally {
      expirer.close();
    }
  }

  @Test
  void theSerialKeepsGrowingAcrossRestarts() throws Exception {
    long before;
    try (Publisher p = publisher(service)) {
      before = p.publish().serial();
      assertThat(p.publish().serial()).isEqualTo(before + 1);
    }
    try (Publisher p = publisher(service)) {
      assertThat(p.publish().serial()).isGreaterThan(before + 1);
    }
  }

  @Test
  void aFailingTargetDoesNotStopTheOthers() throws Exception {
    ZoneTarget broken =
        z -> {
          throw new java.io.IOException("disk full");
        };
    try (Publisher p =
        new Publisher(
            service,
            List.of(broken, published::add),
            clock,
            Duration.ofSeconds(1),
            Duration.ZERO)) {
      p.publish();
      assertThat(names(next())).isEmpty();
    }
  }

  @Test
  void aSlowPublicationWidensTheDebounceUpToTwoSeconds() {
    assertThat(Publisher.delayMillis(250, 10)).isEqualTo(250);
    assertThat(Publisher.delayMillis(250, 400)).isEqualTo(800);
    assertThat(Publisher.delayMillis(250, 1_500)).isEqualTo(Publisher.MAX_DELAY_MILLIS);
    assertThat(Publisher.delayMillis(3_000, 1_500)).isEqualTo(3_000);
  }
}
