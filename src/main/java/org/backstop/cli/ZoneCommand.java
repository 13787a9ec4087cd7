package org.backstop.cli;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.backstop.zone.ParseProblem;
import org.backstop.zone.ZoneFiles;
import org.backstop.zone.ZoneLoader;
import org.backstop.zone.ZoneSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backstop zone}: tools for zone data files. */
@Command(
    name = "zone",
    mixinStandardHelpOptions = true,
    description = "Zone data tools.",
    subcommands = {ZoneCommand.Export.class})
public final class ZoneCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code backstop zone export}: rewrites a zone as a BIND master file or rbldnsd data. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Reads a zone from rbldnsd data files and writes it as BIND or rbldnsd data.")
  static final class Export implements Callable<Integer> {
    @Option(names = "--format", required = true, description = "bind or rbldnsd.")
    ZoneFiles.Format format;

    @Option(
        names = {"-o", "--output"},
        description = "File to write atomically (default: standard output).")
    Path output;

    @Parameters(
        arity = "1..*",
        paramLabel = "ZONE:TYPE:FILE[,FILE...]",
        description = "The zone, in rbldnsd's syntax; one zone.")
    List<String> zones;

    @Override
    public Integer call() throws Exception {
      List<ZoneSpec> specs;
      try {
        specs = ZoneSpec.parse(zones);
      } catch (IllegalArgumentException e) {
        System.err.println("zone export: " + e.getMessage());
        return 2;
      }
      if (specs.size() != 1) {
        System.err.println("zone export: give exactly one zone (it may have several datasets)");
        return 2;
      }
      ZoneLoader.Result r = new ZoneLoader(Clock.systemUTC()).load(specs.get(0));
      for (ParseProblem p : r.problems()) {
        System.err.println("warning: " + p + " (line skipped)");
      }
      if (output != null) {
        ZoneFiles.write(r.snapshot(), format, output);
        System.err.println("wrote " + r.snapshot().entries() + " entries to " + output);
      } else {
        Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        ZoneFiles.write(r.snapshot(), format, w);
        w.flush();
      }
      return 0;
    }
  }
}
