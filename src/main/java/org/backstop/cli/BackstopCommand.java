package org.backstop.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * The top-level {@code backstop} command. Each capability is a subcommand; a new one is added to
 * the list below, one line each, so that parallel work merges cleanly.
 */
@Command(
    name = "backstop",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Stops email backscatter: a DNS blocklist you can run and a receiving-side shield.",
    subcommands = {
      HelpCommand.class,
      ServeCommand.class,
      ReportCommand.class,
      ListingCommand.class,
      ReporterCommand.class,
      AnalyzeCommand.class,
      DnsCommand.class,
      ZoneCommand.class,
      FilterCommand.class,
      BatvCommand.class,
      CheckCommand.class,
      AuditCommand.class,
      MonitorCommand.class,
      AdminCommand.class,
    })
public final class BackstopCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
