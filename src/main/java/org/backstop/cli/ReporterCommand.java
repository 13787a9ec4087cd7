package org.backstop.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.backstop.listing.Reporter;
import org.backstop.listing.ReporterToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop reporter add|list|disable}: who may use the report API. */
@Command(
    name = "reporter",
    mixinStandardHelpOptions = true,
    description = "Manages reporters, who submit evidence to POST /api/v1/reports with a token.",
    subcommands = {
      ReporterCommand.Add.class,
      ReporterCommand.ListAll.class,
      ReporterCommand.Disable.class
    })
public final class ReporterCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Registers a reporter and prints its token once.")
  static final class Add implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--trusted",
        description = "Its reports list alone, like the trap's (default: two must agree).")
    boolean trusted;

    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      if (name.isBlank() || name.length() > 100) {
        spec.commandLine()
            .getErr()
            .println("backstop reporter: the name must be 1..100 characters");
        return 2;
      }
      try (StoreOptions.Opened o = store.open()) {
        ReporterToken t = o.listings().createReporter(name.trim(), trusted, "operator");
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "reporter " + t.reporter().name() + " (" + (trusted ? "trusted" : "external") + ")");
        out.println("token: " + t.token());
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("backstop reporter: " + e.getMessage());
        return 1;
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists reporters.")
  static final class ListAll implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      try (StoreOptions.Opened o = store.open()) {
        for (Reporter r : o.listings().reporters()) {
          spec.commandLine()
              .getOut()
              .printf(
                  "%-20s %-8s %s%n",
                  r.name(),
                  r.trusted() ? "trusted" : "external",
                  r.disabled() ? "disabled" : "enabled");
        }
      }
      return 0;
    }
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disables a reporter's token.")
  static final class Disable implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      try (StoreOptions.Opened o = store.open()) {
        if (!o.listings().disableReporter(name, "operator")) {
          spec.commandLine().getErr().println("no such reporter: " + name);
          return 1;
        }
      }
      spec.commandLine().getOut().println(name + " disabled");
      return 0;
    }
  }
}
