package org.backstop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.backstop.listing.Decision;
import org.backstop.listing.Evidence;
import org.backstop.listing.MessageEvidence;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.net.IpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop report FILE.eml --ip ADDR}: the operator submits evidence by hand. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Records a message that ADDR delivered, as the operator's evidence.",
      "The operator is a trusted reporter: backscatter lists at once. Prints what the listing",
      "policy did and why; a running serve publishes the change within seconds."
    })
public final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.eml", description = "The raw message (RFC 5322).")
  Path file;

  @Option(
      names = "--ip",
      required = true,
      paramLabel = "ADDR",
      description = "The address that delivered it.")
  String ip;

  @Mixin StoreOptions store;

  @Override
  public Integer call() throws Exception {
    IpAddress addr = IpAddress.tryParse(ip.trim());
    if (addr == null) {
      spec.commandLine().getErr().println("backstop report: not an IPv4 or IPv6 address: " + ip);
      return 2;
    }
    if (!Files.isRegularFile(file)) {
      spec.commandLine().getErr().println("backstop report: no such file: " + file);
      return 2;
    }
    if (Files.size(file) > MessageEvidence.MAX_MESSAGE_BYTES) {
      spec.commandLine().getErr().println("backstop report: larger than 10 MB: " + file);
      return 2;
    }
    byte[] message = Files.readAllBytes(file);
    try (StoreOptions.Opened o = store.open()) {
      Evidence e =
          new MessageEvidence(new BounceAnalyzer())
              .report(
                  "operator:" + UUID.randomUUID(),
                  "operator",
                  o.listings().clock().instant(),
                  addr,
                  message);
      Decision d = o.listings().record(e);
      spec.commandLine()
          .getOut()
          .printf(
              "%s %s: %s (%s)%n",
              addr, d.outcome().label(), Printable.line(d.reason()), Printable.line(e.summary()));
    }
    return 0;
  }
}
