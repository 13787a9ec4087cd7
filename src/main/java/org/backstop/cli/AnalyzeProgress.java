package org.backstop.cli;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.backstop.mail.Analysis;
import org.backstop.mail.MessageKind;

/**
 * What {@code backstop analyze --progress} prints on standard error: every second, the messages
 * done, the rate and the verdicts by kind; at the end, the same for the whole run. A long run over
 * a large Maildir or mailbox shows that it moves, and the summary says what it found without a
 * second pass over the output.
 */
final class AnalyzeProgress {
  private static final long SECOND = 1_000_000_000L;

  private final PrintStream err;
  private final LongSupplier nanos;
  private final long start;
  private final Map<MessageKind, Long> kinds = new EnumMap<>(MessageKind.class);
  private long done;
  private long unreadable;
  private long next;

  /**
   * @param err where the lines go (standard error: the verdicts on standard output stay clean)
   * @param nanos the clock, {@link System#nanoTime} but in tests
   */
  AnalyzeProgress(PrintStream err, LongSupplier nanos) {
    this.err = err;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.next = start + SECOND;
  }

  /** One input's outcome: its verdict, or null when it could not be read. */
  void counted(Analysis a) {
    if (a == null) {
      unreadable();
    } else {
      analysed(a.kind());
    }
  }

  /** One message analysed. */
  void analysed(MessageKind kind) {
    done++;
    kinds.merge(kind, 1L, Long::sum);
  }

  /** One input that could not be read (reported on its own line already). */
  void unreadable() {
    unreadable++;
  }

  /** Prints a line when a second has passed since the last. */
  void tick() {
    long now = nanos.getAsLong();
    if (now >= next) {
      err.println("backstop analyze: " + counts(now));
      next = now + SECOND;
    }
  }

  /** Prints the summary of the run. */
  void finish() {
    long now = nanos.getAsLong();
    err.printf(
        Locale.ROOT,
        "backstop analyze: done in %.2f s, %s%s%n",
        (now - start) / 1e9,
        counts(now),
        unreadable == 0 ? "" : String.format(Locale.ROOT, ", %,d unreadable", unreadable));
  }

  private String counts(long now) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%,d messages", done));
    double seconds = (now - start) / 1e9;
    if (seconds > 0) {
      b.append(String.format(Locale.ROOT, ", %,.0f a second", done / seconds));
    }
    if (!kinds.isEmpty()) {
      b.append(" (");
      String sep = "";
      for (Map.Entry<MessageKind, Long> e : kinds.entrySet()) {
        b.append(sep)
            .append(e.getKey().label())
            .append(' ')
            .append(String.format(Locale.ROOT, "%,d", e.getValue()));
        sep = ", ";
      }
      b.append(')');
    }
    return b.toString();
  }
}
