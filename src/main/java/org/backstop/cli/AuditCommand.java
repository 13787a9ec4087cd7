package org.backstop.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.backstop.check.AuditReport;
import org.backstop.check.AuditReportText;
import org.backstop.check.DomainAuditor;
import org.backstop.check.Json;
import org.backstop.check.Resolvers;
import org.backstop.check.Severity;
import org.backstop.check.SmtpProbe;
import org.backstop.check.UdpDnsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backstop audit}: what in this mail domain's setup makes it a backscatter source? */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    exitCodeOnExecutionException = 3,
    description = {
      "Audit a mail domain: MX and reverse DNS, SPF, DMARC, DKIM, and an SMTP probe of each MX"
          + " (banner, STARTTLS, null sender, unknown recipient, open relay). The probe never"
          + " sends a message: it quits before DATA.",
      "Exit status: 0 no high or critical findings, 1 some, 2 usage error, 3 failure."
    })
public final class AuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DOMAIN", description = "the mail domain to audit")
  String domain;

  @Option(
      names = "--dkim-selector",
      paramLabel = "SELECTOR",
      description = "check the DKIM key at this selector (repeatable)")
  List<String> selectors = new ArrayList<>();

  @Option(
      names = "--resolver",
      paramLabel = "ADDR:PORT",
      description = "recursive DNS server to ask (default: the system's)")
  String resolver;

  @Option(
      names = "--smtp-port",
      paramLabel = "PORT",
      defaultValue = "25",
      description = "port of the MX servers to probe (default ${DEFAULT-VALUE})")
  int smtpPort;

  @Option(names = "--no-smtp", description = "skip the SMTP probe")
  boolean noSmtp;

  @Option(
      names = "--helo",
      paramLabel = "NAME",
      description = "name to announce in EHLO (default: this host's name)")
  String helo;

  @Option(
      names = "--timeout",
      paramLabel = "MS",
      defaultValue = "5000",
      description = "deadline of each DNS question and SMTP reply in ms (default ${DEFAULT-VALUE})")
  int timeoutMillis;

  @Option(names = "--format", defaultValue = "TEXT", description = "text or json (default text)")
  Format format;

  /** Output formats. */
  public enum Format {
    TEXT,
    JSON
  }

  @Override
  public Integer call() throws IOException {
    InetSocketAddress server;
    try {
      if (smtpPort < 1 || smtpPort > 65535) {
        throw new IllegalArgumentException("--smtp-port must be 1..65535");
      }
      if (timeoutMillis < 1 || timeoutMillis > 60_000) {
        throw new IllegalArgumentException("--timeout must be 1..60000 ms");
      }
      for (String s : selectors) {
        if (!s.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*") || s.length() > 63) {
          throw new IllegalArgumentException("bad DKIM selector: " + s);
        }
      }
      server = resolver == null ? Resolvers.system() : Resolvers.parse(resolver);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Duration timeout = Duration.ofMillis(timeoutMillis);
    String name = helo != null ? helo : InetAddress.getLocalHost().getHostName();
    try (UdpDnsClient dns = new UdpDnsClient(server, timeout)) {
      SmtpProbe probe = noSmtp ? null : new SmtpProbe(name, timeout);
      AuditReport report;
      try {
        report =
            new DomainAuditor(dns, probe, smtpPort, Clock.systemUTC(), timeout)
                .audit(domain, selectors);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      // SMTP banners and replies, SPF and DMARC records come from the audited domain's servers:
      // no control character reaches the terminal (JSON escapes them itself).
      out.print(
          format == Format.JSON
              ? Json.write(report) + "\n"
              : Printable.text(AuditReportText.render(report)));
      out.flush();
      Severity worst = report.worst();
      return worst != null && worst.compareTo(Severity.HIGH) >= 0 ? 1 : 0;
    }
  }
}
