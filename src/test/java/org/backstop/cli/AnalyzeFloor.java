package org.backstop.cli;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.backstop.mail.Analysis;
import org.backstop.mail.AnalyzerStages;
import org.backstop.mail.BounceAnalyzer;

/**
 * {@code backstop analyze} with its workers cut short ({@code STAGES=1 bench/analyze.sh}): {@code
 * main STAGE ARGS...} where STAGE is {@code full} (the command as shipped, through this harness),
 * {@code unwritten} (every rule runs, an empty verdict is written in place of each), {@code parse}
 * (no rule runs: files listed and read, MIME parsed, empty verdicts written) or {@code read} (not
 * even the MIME parse), and ARGS are the analyze command's.
 */
public final class AnalyzeFloor {
  private AnalyzeFloor() {}

  public static void main(String[] args) {
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    AnalyzeCommand c = AnalyzeCommand.quick(rest);
    if (c == null) {
      System.err.println("usage: AnalyzeFloor full|unwritten|parse|read --format json DIR");
      System.exit(2);
    }
    c.stage = stage(args[0]);
    if (c.stage == null) {
      System.err.println("AnalyzeFloor: STAGE is full, unwritten, parse or read, not " + args[0]);
      System.exit(2);
    }
    System.exit(c.runQuick());
  }

  /** The worker step of that stage's name, or null for an unknown name. */
  static BiFunction<BounceAnalyzer, byte[], Analysis> stage(String name) {
    return switch (name) {
      case "full" -> BounceAnalyzer::analyze;
      case "unwritten" -> AnalyzerStages::unwritten;
      case "parse" -> AnalyzerStages::parse;
      case "read" -> AnalyzerStages::read;
      default -> null;
    };
  }
}
