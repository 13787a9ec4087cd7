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
        id,
        T,
        IpAddress.parse("192.0.2.9"),
        "mx.example",
        "",
        List.of("a@trap.example"),
        null,
        callout);
  }

  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCommittedMessageIsReadBackWithItsEnvelopeAndCopiedOutForTheSink() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery d =
        spool.writeMessage(envelope("m1", false), bytes("Subject: x\r\n\r\nbody\r\n"), 1000);
    assertThat(spool.isCommitted("m1")).isTrue();
    assertThat(spool.committed()).containsExactly(d);
    assertThat(names()).containsExactly("m1.msg");
    spool.prepare(d);
    assertThat(Files.readString(d.message())).isEqualTo("Subject: x\r\n\r\nbody\r\n");
    assertThat(names()).containsExactly("m1.eml", "m1.msg");
  }

  @Test
  void envelopeFieldsSurviveTheRoundTripEvenWithControlCharacters() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery e =
        new TrapDelivery(
            "m2",
            T,
            IpAddress.parse("2001:db8::5"),
            "evil\nhelo",
            "a\"b@x",
            List.of("a@trap.example", "b@trap.example"),
            null,
            false);
    TrapDelivery d = spool.writeMessage(e, bytes("x"), 10);
    assertThat(spool.read("m2")).contains(d);
    assertThat(d.helo()).isEqualTo("evil\nhelo");
  }

  @Test
  void aCalloutHasAnEnvelopeAndNoMessage() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery d = spool.writeCallout(envelope("c1", true));
    assertThat(spool.committed()).containsExactly(d);
    assertThat(d.message()).isNull();
    spool.prepare(d);
    assertThat(names()).containsExactly("c1.msg");
  }

  private List<String> names() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anOversizeMessageLeavesNothingAndIsReadToItsEnd() throws Exception {
    Spool spool = new Spool(dir);
    ByteArrayInputStream in = bytes("x".repeat(300));
    assertThatThrownBy(() -> spool.writeMessage(envelope("big", false), in, 100))
        .isInstanceOf(Spool.TooLargeException.class);
    assertThat(in.available()).isZero();
    assertThat(names()).isEmpty();
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
  void removeDeletesTheSpoolFileAndTheSinksCopy() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery d = spool.writeMessage(envelope("m1", false), bytes("x"), 10);
    spool.prepare(d);
    spool.remove("m1");
    assertThat(spool.isCommitted("m1")).isFalse();
    assertThat(names()).isEmpty();
  }

  @Test
  void debrisFromACrashIsRemovedAndCommittedMailKept() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery kept = spool.writeMessage(envelope("m1", false), bytes("x"), 10);
    spool.prepare(kept);
    Files.writeString(dir.resolve("m2.msg.tmp"), "half");
    Files.writeString(dir.resolve("m3.eml.tmp"), "half a copy");
    assertThat(spool.removeDebris()).isEqualTo(3);
    assertThat(spool.committed()).containsExactly(kept);
    spool.prepare(kept);
    assertThat(Files.readString(kept.message())).isEqualTo("x");
  }

  @Test
  void unreadableSpoolFilesAreSkippedNotFatal() throws Exception {
    Spool spool = new Spool(dir);
    Files.writeString(dir.resolve("bad.msg"), "not json\n");
    Files.writeString(dir.resolve("noline.msg"), "{}");
    Files.writeString(dir.resolve("nofields.msg"), "{\"callout\":false}\n");
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
              events.add(
                  "dir-fsync sees " + files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            super.force();
          }
        };
    Spool spool = new Spool(dir, recording);
    spool.writeMessage(envelope("m1", false), bytes("x"), 10);
    assertThat(events).containsExactly("dir-fsync sees [m1.msg]");
  }

  @Test
  void idsSortByTimeAndDiffer() {
    String a = Spool.newId(T);
    String b = Spool.newId(T.plusMillis(1));
    assertThat(a).isLessThan(b).doesNotContain("/");
    assertThat(Spool.newId(T)).isNotEqualTo(Spool.newId(T));
  }
}
