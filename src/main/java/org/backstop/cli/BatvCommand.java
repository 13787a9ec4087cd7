package org.backstop.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.backstop.mail.Batv;
import org.backstop.mail.BatvCheck;
import org.backstop.mail.BatvKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstop batv sign|check ADDRESS}: make or check an Exim-compatible PRVS tag by hand. */
@Command(
    name = "batv",
    mixinStandardHelpOptions = true,
    description = "Sign or check a BATV (PRVS) bounce address, compatible with Exim's prvs.",
    subcommands = {BatvCommand.Sign.class, BatvCommand.Check.class})
public final class BatvCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static Batv batv(Path keyFile) throws Exception {
    return new Batv(BatvKeys.load(keyFile), Clock.systemUTC());
  }

  /** Prints the signed form of an envelope sender. */
  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = "Print the signed address.")
  static final class Sign implements Callable<Integer> {
    @Option(
        names = "--batv-key-file",
        required = true,
        description = "One secret a line; line N is key digit N (0 first); the last line signs.")
    Path keyFile;

    @Parameters(paramLabel = "ADDRESS", description = "The envelope sender, e.g. alice@example.org")
    String address;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      spec.commandLine().getOut().println(batv(keyFile).sign(address));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** Checks a tagged address; exit status 0 when valid, 1 otherwise. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Check a tagged address: prints the status and the original address.")
  static final class Check implements Callable<Integer> {
    @Option(names = "--batv-key-file", required = true, description = "The key file that signed.")
    Path keyFile;

    @Parameters(paramLabel = "ADDRESS", description = "e.g. prvs=0123abcdef=alice@example.org")
    String address;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      BatvCheck c = batv(keyFile).check(address);
      spec.commandLine()
          .getOut()
          .println(
              c.status().label()
                  + " "
                  + c.address()
                  + (c.keyDigit() >= 0 ? " key=" + c.keyDigit() : ""));
      spec.commandLine().getOut().flush();
      return c.valid() ? 0 : 1;
    }
  }
}
