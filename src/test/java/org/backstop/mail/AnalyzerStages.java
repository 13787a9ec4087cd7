package org.backstop.mail;

import java.util.List;

/**
 * The analyzer cut short, for {@code STAGES=1 bench/analyze.sh}: the steps every verdict needs
 * before any rule runs, and the whole analysis with its verdict left unwritten, each returning an
 * empty verdict, so that a run of {@code backstop analyze} with one of them in place of {@link
 * BounceAnalyzer#analyze} shows what the rest of the run costs.
 */
public final class AnalyzerStages {
  private AnalyzerStages() {}

  /** Line endings made LF and the envelope line found, as {@link BounceAnalyzer#analyze} does. */
  public static Analysis read(BounceAnalyzer a, byte[] message) {
    byte[] lf = Text.normalizeLineEndings(message, a.maxBytes());
    return Analysis.none(List.of("stage:read:" + Text.afterEnvelopeLine(lf)));
  }

  /** {@link #read}, then the MIME parse (mime4j) into headers and decoded text parts. */
  public static Analysis parse(BounceAnalyzer a, byte[] message) {
    byte[] lf = Text.normalizeLineEndings(message, a.maxBytes());
    Mail m =
        Mail.parse(
            lf, Text.afterEnvelopeLine(lf), new Budget(BounceAnalyzer.DEFAULT_MAX_TIME.toNanos()));
    return Analysis.none(List.of("stage:parse:" + m.parts.size() + ":" + m.text.length()));
  }

  /** The whole analysis, but an empty verdict in place of its own: what writing a verdict costs. */
  public static Analysis unwritten(BounceAnalyzer a, byte[] message) {
    Analysis full = a.analyze(message);
    return Analysis.none(List.of("stage:unwritten:" + full.recipients().size()));
  }
}
