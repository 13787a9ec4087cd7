package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

  static TrapDelivery envelope(String id, boolean callout) {
    return new TrapDelivery(
        id, T, IpAddress.parse("192.0.2.9"), "mx.example", "", List.of("a@trap.example"), null, callout);
  }

  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCommittedMessageIsReadBackWithItsEnvelope() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery d = spool.writeMessage(envelope("m1", false), bytes("Subject: x\r\n\r\nbody\r\n"), 1000);
    assertThat(Files.readString(d.message())).isEqualTo("Subject: x\r\n\r\nbody\r\n");
    assertThat(spool.isCommitted("m1")).isTrue();
    assertThat(spool.committed()).containsExactly(d);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m1.eml", "m1.env");
    }
  }

  @Test
  void aCalloutHasAnEnvelopeAndNoMessage() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery d = spool.writeCallout(envelope("c1", true));
    assertThat(spool.committed()).containsExactly(d);
    assertThat(d.message()).isNull();
    assertThat(Files.exists(dir.resolve("c1.eml"))).isFalse();
  }

  @Test
  void anOversizeMessageLeavesNothingAndIsReadToItsEnd() throws Exception {
    Spool spool = new Spool(dir);
    ByteArrayInputStream in = bytes("x".repeat(300));
    assertThatThrownBy(() -> spool.writeMessage(envelope("big", false), in, 100))
        .isInstanceOf(Spool.TooLargeException.class);
    assertThat(in.available()).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aClientThatKeepsSendingFarPastTheLimitIsCutOff() throws Exception {
    Spool spool = new Spool(dir);
    ByteArrayInputStream in = bytes("x".repeat(1000));
    assertThatThrownBy(() -> spool.writeMessage(envelope("huge", false), in, 100))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(Spool.SpoolException.class);
  }

  @Test
  void removeDeletesTheEnvelopeThenTheMessage() throws Exception {
    Spool spool = new Spool(dir);
    spool.writeMessage(envelope("m1", false), bytes("x"), 10);
    spool.remove("m1");
    assertThat(spool.isCommitted("m1")).isFalse();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void debrisFromACrashIsRemovedAndCommittedMailKept() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery kept = spool.writeMessage(envelope("m1", false), bytes("x"), 10);
    Files.writeString(dir.resolve("m2.eml.tmp"), "half");
    Files.writeString(dir.resolve("m3.eml"), "renamed, envelope never committed");
    Files.writeString(dir.resolve("m4.env.tmp"), "{");
    assertThat(spool.removeDebris()).isEqualTo(3);
    assertThat(spool.committed()).containsExactly(kept);
  }

  @Test
  void unreadableEnvelopesAreSkippedNotFatal() throws Exception {
    Spool spool = new Spool(dir);
    Files.writeString(dir.resolve("bad.env"), "not json");
    Files.writeString(dir.resolve("gone.env"), "{\"receivedAt\":\"2026-01-02T03:04:05Z\","
        + "\"client\":\"192.0.2.1\",\"callout\":false}");
    assertThat(spool.committed()).isEmpty();
  }

  @Test
  void filesAreFsyncedAndRenamedBeforeTheDirectoryIsSynced() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    DirectorySync recording =
        new DirectorySync(dir) {
          @Override
          void force() throws IOException {
            try (var files = Files.list(dir)) {
              events.add("dir-fsync sees " + files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            super.force();
          }
        };
    Spool spool = new Spool(dir, recording);
    spool.writeMessage(envelope("m1", false), bytes("x"), 10);
    assertThat(events).containsExactly("dir-fsync sees [m1.eml, m1.env]");
  }

  @Test
  void idsSortByTimeAndDiffer() {
    String a = Spool.newId(T);
    String b = Spool.newId(T.plusMillis(1));
    assertThat(a).isLessThan(b).doesNotContain("/");
    assertThat(Spool.newId(T)).isNotEqualTo(Spool.newId(T));
  }
}
