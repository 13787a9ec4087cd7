package org.backstop.cli;

import picocli.CommandLine;

/** Entry point of the {@code backstop} command: parses the command line and runs a subcommand. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit status, so tests can call it in-process. */
  public static int run(String... args) {
    return new CommandLine(new BackstopCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }
}
