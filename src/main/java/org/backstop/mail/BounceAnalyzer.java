package org.backstop.mail;

import java.time.Duration;
import java.util.List;

/**
 * Reads a raw message and tells whether it is a bounce, an auto-reply or other automated mail, and
 * what it reveals of the message it refers to. Pure: bytes in, verdict out, no I/O; any input gives
 * a verdict and never an exception. Input beyond {@link #maxBytes()} is cut, and a message that
 * takes longer than the time limit gets the verdict reached so far.
 */
public final class BounceAnalyzer {
  /** The default largest message read: 20 MB. */
  public static final int DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

  /** The default time one message may take. */
  public static final Duration DEFAULT_MAX_TIME = Duration.ofSeconds(2);

  private final int maxBytes;
  private final long maxNanos;

  /** An analyzer with the default limits. */
  public BounceAnalyzer() {
    this(DEFAULT_MAX_BYTES, DEFAULT_MAX_TIME);
  }

  /**
   * An analyzer that reads at most {@code maxBytes} of a message and spends about {@code maxTime}.
   */
  public BounceAnalyzer(int maxBytes, Duration maxTime) {
    if (maxBytes <= 0 || maxTime.isNegative() || maxTime.isZero()) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.maxBytes = maxBytes;
    this.maxNanos = maxTime.toNanos();
    Warmup.once(this);
  }

  /**
   * Initialises the MIME library's static state ahead of the first message: mime4j's MimeUtil
   * builds a date formatter in the default time zone when first touched, about 40 ms of a short
   * run. A caller with a spare thread runs this on it while another builds the analyzer, so the two
   * start-up costs overlap; calling it is never needed for correct results.
   */
  public static void prepareMimeLibrary() {
    org.apache.james.mime4j.util.MimeUtil.isMultipart("multipart/mixed");
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** Analyses one raw message (RFC 5322 bytes, any line endings). */
  public Analysis analyze(byte[] message) {
    if (message == null || message.length == 0) {
      return Analysis.none(List.of("empty"));
    }
    try {
      Budget budget = new Budget(maxNanos);
      byte[] lf = Text.normalizeLineEndings(message, maxBytes);
      Mail mail = Mail.parse(lf, Text.afterEnvelopeLine(lf), budget);
      Reading r = new Reading(mail, budget);
      Analysis a = r.run();
      if (message.length > maxBytes || budget.spent()) {
        List<String> ev = new java.util.ArrayList<>(a.evidence());
        ev.add(message.length > maxBytes ? "limit:size" : "limit:time");
        a = new Analysis(a.kind(), a.recipients(), a.original(), a.reportingMta(), ev);
      }
      return a;
    } catch (RuntimeException | StackOverflowError e) {
      // The rules are meant never to throw; if one does, the message still gets a verdict.
      return Analysis.none(List.of("error:" + e.getClass().getSimpleName()));
    }
  }
}
