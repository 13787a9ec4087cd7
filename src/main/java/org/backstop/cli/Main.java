package org.backstop.cli;

import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code backstop} command: parses the command line and runs a subcommand. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // The pool and migration libraries are chatty at INFO; their warnings still show.
    quiet("com.zaxxer.hikari");
    quiet("org.flywaydb");
    System.exit(run(args));
  }

  private static void quiet(String logger) {
    String key = "org.slf4j.simpleLogger.log." + logger;
    if (System.getProperty(key) == null) {
      System.setProperty(key, "warn");
    }
  }

  /** Runs the command line and returns the exit status, so tests can call it in-process. */
  public static int run(String... args) {
    if (args.length > 1 && args[0].equals("analyze")) {
      // The bounce analyzer is often started once per message: skip picocli's start-up cost.
      AnalyzeCommand quick = AnalyzeCommand.quick(List.of(args).subList(1, args.length));
      if (quick != null) {
        return quick.runQuick();
      }
    }
    return new CommandLine(new BackstopCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }
}
