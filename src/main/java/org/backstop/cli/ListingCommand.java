package org.backstop.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.backstop.listing.EvidenceSample;
import org.backstop.listing.HistoryEvent;
import org.backstop.listing.Listing;
import org.backstop.listing.LookupResult;
import org.backstop.net.IpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop listing show|list|remove}: the operator's view of the listings. */
@Command(
    name = "listing",
    mixinStandardHelpOptions = true,
    description = "Shows, lists and removes listings.",
    subcommands = {
      ListingCommand.Show.class,
      ListingCommand.ListAll.class,
      ListingCommand.Remove.class,
    })
public final class ListingCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static IpAddress address(String text, PrintWriter err) {
    IpAddress a = IpAddress.tryParse(text.trim());
    if (a == null) {
      err.println("backstop listing: not an IPv4 or IPv6 address: " + text);
    }
    return a;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows one address: listing, evidence, history.")
  static final class Show implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ADDR")
    String ip;

    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      IpAddress a = address(ip, spec.commandLine().getErr());
      if (a == null) {
        return 2;
      }
      try (StoreOptions.Opened o = store.open()) {
        LookupResult r = o.listings().lookup(a);
        out.println(a + ": " + (r.listed() ? "LISTED" : "not listed"));
        if (r.specialPurpose() != null) {
          out.println("  special-purpose: " + r.specialPurpose() + " (never listed)");
        }
        if (r.allowlisted() != null) {
          out.println("  allowlisted: " + Printable.line(r.allowlisted()));
        }
        Listing l = r.listing();
        if (l != null) {
          out.println("  first report: " + l.firstReport());
          out.println("  last report:  " + l.lastReport());
          out.println("  expires:      " + l.expiresAt());
          out.println("  impact:       " + l.impact());
          out.println("  reason:       " + Printable.line(l.reason()));
        }
        if (!r.evidence().isEmpty()) {
          out.println("  evidence (newest first):");
          for (EvidenceSample s : r.evidence()) {
            out.printf(
                "    %s %-9s %-8s %s [%s]%n",
                s.receivedAt(),
                s.kind().label(),
                s.outcome().label(),
                Printable.line(s.summary()),
                Printable.line(s.reporter()));
          }
        }
        if (!r.history().isEmpty()) {
          out.println("  history (newest first):");
          for (HistoryEvent h : r.history()) {
            out.printf(
                "    %s %-11s by %s: %s%n",
                h.at(), h.event(), Printable.line(h.actor()), Printable.line(h.reason()));
          }
        }
        return r.listed() ? 0 : 1;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists active listings, newest report first.")
  static final class ListAll implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--all", description = "Include expired and removed listings.")
    boolean all;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (StoreOptions.Opened o = store.open()) {
        List<Listing> ls = o.listings().list(!all, Math.max(1, Math.min(limit, 100_000)), 0);
        for (Listing l : ls) {
          out.printf(
              "%-39s %-8s impact %-5d last %s expires %s%n",
              l.ip(), l.active() ? "listed" : "ended", l.impact(), l.lastReport(), l.expiresAt());
        }
        out.printf("%d shown, %d active in total%n", ls.size(), o.listings().count(true));
      }
      return 0;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Removes a listing, recording the reason.")
  static final class Remove implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ADDR")
    String ip;

    @Option(
        names = "--reason",
        required = true,
        paramLabel = "TEXT",
        description = "Why (kept in history and audit log).")
    String reason;

    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      IpAddress a = address(ip, spec.commandLine().getErr());
      if (a == null) {
        return 2;
      }
      try (StoreOptions.Opened o = store.open()) {
        String actor = "operator:" + System.getProperty("user.name", "unknown");
        if (!o.listings().remove(a, reason, actor)) {
          spec.commandLine().getErr().println(a + " is not listed");
          return 1;
        }
        spec.commandLine().getOut().println(a + " removed: " + reason);
      }
      return 0;
    }
  }
}
