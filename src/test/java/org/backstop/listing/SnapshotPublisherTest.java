package org.backstop.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.backstop.net.IpAddress;
import org.backstop.zone.Answers;
import org.backstop.zone.Value;
import org.backstop.zone.ZoneSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotPublisherTest {
  @TempDir Path dir;
  final AtomicReference<ZoneSnapshot> served = new AtomicReference<>();

  private SnapshotPublisher publisher(Path zoneDir) {
    return new SnapshotPublisher(
        new SnapshotPublisher.Settings(
            "bl.example.org",
            Value.of("127.0.0.2", "Listed, see https://bl.example.org/lookup?ip=$"),
            900,
            zoneDir),
        served::set);
  }

  private static Answers ask(ZoneSnapshot s, String ip) {
    Answers out = new Answers();
    s.lookup(IpAddress.parse(ip).reversedName(), out);
    return out;
  }

  @Test
  void listedAddressesAnswerTheValueAndATxtLinkingToTheLookupPage() throws Exception {
    try (SnapshotPublisher p = publisher(dir)) {
      p.publish(
          new ZoneContent(
              42,
              Instant.EPOCH,
              List.of(IpAddress.parse("8.8.4.4"), IpAddress.parse("2a00:1450::25"))));
      ZoneSnapshot s = served.get();
      assertThat(s.serial()).isEqualTo(42);
      Answers a = ask(s, "8.8.4.4");
      assertThat(a.count()).isEqualTo(1);
      assertThat(a.value(0).aText()).isEqualTo("127.0.0.2");
      assertThat(Value.expand(a.value(0).txt(), "8.8.4.4"))
          .isEqualTo("Listed, see https://bl.example.org/lookup?ip=8.8.4.4");
      assertThat(ask(s, "2a00:1450::25").count()).isEqualTo(1);
      assertThat(ask(s, "8.8.4.5").count()).isZero();
    }
  }

  @Test
  void rfc5782TestPointsAnswerEvenWhenNothingIsListed() {
    try (SnapshotPublisher p = publisher(null)) {
      p.publish(new ZoneContent(1, Instant.EPOCH, List.of()));
      assertThat(ask(served.get(), "127.0.0.2").count()).isEqualTo(1);
      assertThat(ask(served.get(), "::ffff:127.0.0.2").count()).isEqualTo(1);
      assertThat(ask(served.get(), "127.0.0.1").count()).isZero();
    }
  }

  @Test
  void zoneFilesAreWrittenForTheNewestSnapshotWithoutTemporaryLeftovers() throws Exception {
    Path zones = dir.resolve("zone");
    try (SnapshotPublisher p = publisher(zones)) {
      p.publish(new ZoneContent(7, Instant.EPOCH, List.of(IpAddress.parse("8.8.4.4"))));
      p.publish(new ZoneContent(8, Instant.EPOCH, List.of(IpAddress.parse("9.9.9.9"))));
      p.awaitFiles();
      String rbldnsd = Files.readString(p.rbldnsdFile());
      String bind = Files.readString(p.bindFile());
      assertThat(rbldnsd).contains("9.9.9.9").doesNotContain("8.8.4.4").contains(" 8 ");
      assertThat(bind)
          .contains("$ORIGIN bl.example.org.")
          .contains("IN\tSOA")
          .contains("lookup?ip=9.9.9.9")
          .doesNotContain("8.8.4.4");
      try (Stream<Path> files = Files.list(zones)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrder("bl.example.org.rbldnsd", "bl.example.org.zone");
      }
    }
  }
}
