package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.backstop.mail.MessageKind;
import org.junit.jupiter.api.Test;

class AnalyzeProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong(5_000_000_000L);
  private final AnalyzeProgress progress = new AnalyzeProgress(err, clock::get);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsALineOncePerSecondAndASummaryAtTheEnd() {
    progress.analysed(MessageKind.DSN);
    clock.addAndGet(400_000_000L);
    progress.tick();
    assertThat(printed()).isEmpty(); // not yet a second

    progress.analysed(MessageKind.NONE);
    progress.analysed(MessageKind.DSN);
    clock.addAndGet(600_000_000L); // one second in all
    progress.tick();
    assertThat(printed()).isEqualTo("backstop analyze: 3 messages, 3 a second (dsn 2, none 1)\n");

    clock.addAndGet(500_000_000L);
    progress.tick();
    assertThat(printed().lines()).hasSize(1); // the next line is a second after that one

    for (int i = 0; i < 2997; i++) {
      progress.analysed(MessageKind.BOUNCE);
    }
    progress.unreadable();
    clock.addAndGet(500_000_000L); // two seconds in all
    progress.finish();
    assertThat(printed().lines().toList())
        .last()
        .isEqualTo(
            "backstop analyze: done in 2.00 s, 3,000 messages, 1,500 a second"
                + " (dsn 2, bounce 2,997, none 1), 1 unreadable");
  }

  @Test
  void anEmptyRunSaysSoWithoutAnyKind() {
    progress.finish();
    assertThat(printed()).isEqualTo("backstop analyze: done in 0.00 s, 0 messages\n");
  }
}
