package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

  private static String text(TrapDelivery d) {
    return new String(d.message(), StandardCharsets.UTF_8);
  }

  private List<String> names() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<Spool.Entry> pending(Spool spool) throws IOException {
    List<Spool.Entry> out = new ArrayList<>();
    spool.forEachPending(l -> false, out::add);
    return out;
  }

  @Test
  void aCommittedMessageIsPendingAndHandedOutWithItsEnvelope() throws Exception {
    Spool spool = new Spool(dir);
    Spool.Entry e =
        spool.writeMessage(envelope("m1", false), bytes("Subject: x\r\n\r\nbody\r\n"), 1000);
    assertThat(spool.isPending(e)).isTrue();
    assertThat(names()).containsExactly("0000000000000001.log");
    TrapDelivery d = spool.delivery(e);
    assertThat(d.id()).isEqualTo("m1");
    assertThat(d.recipients()).containsExactly("a@trap.example");
    assertThat(text(d)).isEqualTo("Subject: x\r\n\r\nbody\r\n");
  }

  @Test
  void aMessageNoLongerHeldInMemoryIsReadBackFromItsSegment() throws Exception {
    Spool spool = new Spool(dir);
    spool.writeMessage(envelope("m0", false), bytes("before"), 1000);
    Spool.Entry e = spool.writeMessage(envelope("m1", false), bytes("the message"), 1000);
    spool.writeCallout(envelope("c2", true));
    spool.forget(e);
    assertThat(text(spool.delivery(e))).isEqualTo("the message");
    assertThat(spool.isPending(e)).isTrue();
  }

  @Test
  void afterACrashEveryRecordIsReadBackFromDiskWithItsEnvelope() throws Exception {
    Spool spool = new Spool(dir);
    TrapDelivery odd =
        new TrapDelivery(
            "m2",
            T,
            IpAddress.parse("2001:db8::5"),
            "evil\nhelo",
            "a\"b@x",
            List.of("a@trap.example", "b@trap.example"),
            null,
            false);
    spool.writeMessage(odd, bytes("x"), 10);
    spool.writeCallout(envelope("c1", true));
    // No close: as after SIGKILL, a new spool reads what the first left.
    Spool again = new Spool(dir);
    assertThat(again.recovered()).isEqualTo(2);
    List<Spool.Entry> found = pending(again);
    assertThat(found).extracting(Spool.Entry::id).containsExactly("m2", "c1");
    TrapDelivery m2 = again.delivery(found.get(0));
    assertThat(m2.helo()).isEqualTo("evil\nhelo");
    assertThat(m2.mailFrom()).isEqualTo("a\"b@x");
    assertThat(m2.client()).isEqualTo(IpAddress.parse("2001:db8::5"));
    assertThat(m2.recipients()).containsExactly("a@trap.example", "b@trap.example");
    assertThat(m2.receivedAt()).isEqualTo(T);
    assertThat(text(m2)).isEqualTo("x");
    TrapDelivery c1 = again.delivery(found.get(1));
    assertThat(c1.callout()).isTrue();
    assertThat(c1.message()).isNull();
  }

  @Test
  void handedOverRecordsGoAndAnIdleSpoolDeletesItsSegment() throws Exception {
    Spool spool = new Spool(dir);
    Spool.Entry a = spool.writeMessage(envelope("a", false), bytes("x"), 10);
    Spool.Entry b = spool.writeCallout(envelope("b", true));
    spool.remove(a);
    assertThat(spool.isPending(a)).isFalse();
    assertThat(pending(spool)).extracting(Spool.Entry::id).containsExactly("b");
    spool.rollIfIdle();
    assertThat(names()).as("b is not handed over yet").hasSize(1);
    spool.remove(b);
    spool.rollIfIdle();
    assertThat(names()).isEmpty();
    spool.writeMessage(envelope("c", false), bytes("y"), 10);
    assertThat(names()).containsExactly("0000000000000002.log");
  }

  @Test
  void segmentsRollAtTheirSizeAndGoOnceEverythingInThemIsHandedOver() throws Exception {
    Spool spool = new Spool(dir, new Spool.Fsyncs(), 100);
    List<Spool.Entry> written = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      written.add(spool.writeMessage(envelope("m" + i, false), bytes("x".repeat(150)), 1000));
    }
    assertThat(names()).hasSize(3);
    spool.remove(written.get(1));
    assertThat(names()).containsExactly("0000000000000001.log", "0000000000000003.log");
    spool.remove(written.get(0));
    assertThat(names()).containsExactly("0000000000000003.log");
    Spool again = new Spool(dir, new Spool.Fsyncs(), 100);
    assertThat(pending(again)).extracting(Spool.Entry::id).containsExactly("m2");
  }

  @Test
  void aTornLastRecordIsIgnoredAndTheRecordsBeforeItKept() throws Exception {
    Spool spool = new Spool(dir);
    spool.writeMessage(envelope("m1", false), bytes("first"), 100);
    spool.writeMessage(envelope("m2", false), bytes("second, cut off by the crash"), 100);
    Path segment = dir.resolve("0000000000000001.log");
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 5);
    }
    Spool again = new Spool(dir);
    assertThat(pending(again)).extracting(Spool.Entry::id).containsExactly("m1");
    assertThat(text(again.delivery(pending(again).get(0)))).isEqualTo("first");
  }

  @Test
  void aRecordThatFailsItsChecksumEndsTheSegment() throws Exception {
    Spool spool = new Spool(dir);
    spool.writeMessage(envelope("m1", false), bytes("first"), 100);
    spool.writeMessage(envelope("m2", false), bytes("secXnd"), 100);
    spool.writeMessage(envelope("m3", false), bytes("third"), 100);
    Path segment = dir.resolve("0000000000000001.log");
    byte[] all = Files.readAllBytes(segment);
    int at = new String(all, StandardCharsets.ISO_8859_1).indexOf("secXnd") + 3;
    all[at] = 'o';
    Files.write(segment, all);
    Spool again = new Spool(dir);
    assertThat(pending(again)).extracting(Spool.Entry::id).containsExactly("m1");
  }

  @Test
  void zerosOrGarbageAfterTheRecordsAreNotRecords() throws Exception {
    Spool spool = new Spool(dir);
    spool.writeMessage(envelope("m1", false), bytes("first"), 100);
    Path segment = dir.resolve("0000000000000001.log");
    Files.write(segment, new byte[64], StandardOpenOption.APPEND);
    Files.writeString(dir.resolve("0000000000000007.log"), "not a spool segment at all");
    Spool again = new Spool(dir);
    assertThat(pending(again)).extracting(Spool.Entry::id).containsExactly("m1");
    assertThat(names()).as("a segment without records goes").doesNotContain("0000000000000007.log");
    again.writeCallout(envelope("c", true));
    assertThat(names())
        .as("new segments come after every old one")
        .contains("0000000000000008.log");
  }

  @Test
  void aLargeMessageIsSpilledWhileItArrivesAndStoredIntact() throws Exception {
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(big);
    Spool spool = new Spool(dir);
    Spool.Entry e =
        spool.writeMessage(envelope("big", false), new ByteArrayInputStream(big), 4_000_000);
    assertThat(names()).containsExactly("0000000000000001.log");
    assertThat(spool.delivery(e).message()).isEqualTo(big);
    Spool again = new Spool(dir);
    assertThat(again.delivery(pending(again).get(0)).message()).isEqualTo(big);
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
  void anOversizeMessageThatWasSpilledLeavesNothingEither() throws Exception {
    Spool spool = new Spool(dir);
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[3 * 1024 * 1024]);
    assertThatThrownBy(() -> spool.writeMessage(envelope("big", false), in, 2_000_000))
        .isInstanceOf(Spool.TooLargeException.class);
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
  void debrisFromACrashIsRemovedOnOpen() throws Exception {
    new Spool(dir).writeMessage(envelope("m1", false), bytes("x"), 10);
    Files.writeString(dir.resolve("m2.tmp"), "half a large message");
    Spool again = new Spool(dir);
    assertThat(again.debris()).isEqualTo(1);
    assertThat(names()).containsExactly("0000000000000001.log");
  }

  @Test
  void aNewSegmentIsInTheDirectoryAndTheRecordOnDiskBeforeTheWriteReturns() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    Spool.Fsyncs recording =
        new Spool.Fsyncs() {
          @Override
          void segment(FileChannel segment) throws IOException {
            events.add("segment fsync of " + segment.size() + " bytes");
            super.segment(segment);
          }

          @Override
          void directory(Path d) throws IOException {
            events.add("directory fsync sees " + names());
            super.directory(d);
          }
        };
    Spool spool = new Spool(dir, recording, Spool.DEFAULT_SEGMENT_BYTES);
    Spool.Entry e = spool.writeMessage(envelope("m1", false), bytes("x"), 10);
    long size = Files.size(dir.resolve("0000000000000001.log"));
    assertThat(events)
        .containsExactly(
            "directory fsync sees [0000000000000001.log]", "segment fsync of " + size + " bytes");
    assertThat(spool.isPending(e)).isTrue();
  }

  @Test
  void aFailedFsyncIsAnErrorAndTheNextMessageGoesToANewSegment() throws Exception {
    int[] calls = {0};
    Spool.Fsyncs failingOnce =
        new Spool.Fsyncs() {
          @Override
          void segment(FileChannel segment) throws IOException {
            if (calls[0]++ == 0) {
              throw new IOException("disk on fire");
            }
            super.segment(segment);
          }
        };
    Spool spool = new Spool(dir, failingOnce, Spool.DEFAULT_SEGMENT_BYTES);
    assertThatThrownBy(() -> spool.writeMessage(envelope("m1", false), bytes("x"), 10))
        .isInstanceOf(Spool.SpoolException.class);
    spool.writeMessage(envelope("m2", false), bytes("y"), 10);
    assertThat(pending(spool)).extracting(Spool.Entry::id).containsExactly("m2");
    // The failed segment held nothing acknowledged, so it went when the next one began.
    assertThat(names()).containsExactly("0000000000000002.log");
  }

  @Test
  void idsSortByTimeAndDiffer() {
    String a = Spool.newId(T);
    String b = Spool.newId(T.plusMillis(1));
    assertThat(a).isLessThan(b).doesNotContain("/");
    assertThat(Spool.newId(T)).isNotEqualTo(Spool.newId(T));
  }
}
