package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacySpoolFilesTest {
  @TempDir Path dir;

  private static final String ENVELOPE =
      "{\"id\":\"%s\",\"receivedAt\":\"2026-01-02T03:04:05Z\",\"client\":\"192.0.2.9\","
          + "\"helo\":\"mx.example\",\"mailFrom\":\"\",\"recipients\":[\"a@trap.example\"],"
          + "\"callout\":%s}\n";

  private void legacy(String id, boolean callout, String message) throws Exception {
    Files.writeString(dir.resolve(id + ".msg"), String.format(ENVELOPE, id, callout) + message);
    Files.writeString(dir.resolve(id + ".eml"), message);
  }

  private static List<TrapDelivery> pending(Spool spool) throws Exception {
    List<Spool.Entry> entries = new ArrayList<>();
    spool.forEachPending(l -> false, entries::add);
    List<TrapDelivery> out = new ArrayList<>();
    for (Spool.Entry e : entries) {
      out.add(spool.delivery(e));
    }
    return out;
  }

  @Test
  void filesOfTheFirstFormatBecomeRecordsAndAreDeleted() throws Exception {
    legacy("0000000000001-aa", false, "Subject: old\r\n\r\nbounce\r\n");
    legacy("0000000000002-bb", true, "");
    Files.writeString(dir.resolve("0000000000003-cc.msg"), "no envelope line");
    Spool spool = new Spool(dir);

    assertThat(LegacySpoolFiles.moveInto(spool, dir)).isEqualTo(2);

    List<TrapDelivery> p = pending(spool);
    assertThat(p)
        .extracting(TrapDelivery::id)
        .containsExactly("0000000000001-aa", "0000000000002-bb");
    assertThat(new String(p.get(0).message(), StandardCharsets.UTF_8))
        .isEqualTo("Subject: old\r\n\r\nbounce\r\n");
    assertThat(p.get(1).callout()).isTrue();
    assertThat(p.get(0).client().toString()).isEqualTo("192.0.2.9");
    // the moved files are gone; the unreadable one is kept for the operator
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".eml"))
          .filteredOn(n -> n.endsWith(".msg"))
          .containsExactly("0000000000003-cc.msg");
    }
  }

  @Test
  void movedRecordsSurviveARestart() throws Exception {
    legacy("0000000000001-aa", false, "x");
    LegacySpoolFiles.moveInto(new Spool(dir), dir);
    assertThat(pending(new Spool(dir)))
        .extracting(TrapDelivery::id)
        .containsExactly("0000000000001-aa");
  }
}
