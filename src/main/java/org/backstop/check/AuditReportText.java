package org.backstop.check;

import java.util.Map;

/**
 * The human-readable form of an {@link AuditReport}: what was seen, then each finding and its fix.
 */
public final class AuditReportText {
  private AuditReportText() {}

  public static String render(AuditReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("Audit of ").append(r.domain()).append(" at ").append(r.checkedAt()).append("\n\n");
    if (r.mx().isEmpty()) {
      sb.append("MX:    none\n");
    }
    for (MxHost m : r.mx()) {
      sb.append("MX:    ").append(m.preference()).append(' ').append(m.name()).append('\n');
      for (MxHost.AddressCheck a : m.addresses()) {
        sb.append("         ")
            .append(a.address())
            .append("  PTR ")
            .append(a.ptr().isEmpty() ? "none" : String.join(",", a.ptr()))
            .append(a.fcrdns() ? "  (forward-confirmed)" : "  (not forward-confirmed)")
            .append('\n');
      }
    }
    sb.append("SPF:   ")
        .append(r.spf() == null ? "none" : r.spf() + "  (" + r.spfLookups() + " DNS lookups)")
        .append('\n');
    sb.append("DMARC: ").append(r.dmarc() == null ? "none" : r.dmarc()).append('\n');
    for (Map.Entry<String, String> e : r.dkim().entrySet()) {
      sb.append("DKIM:  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    for (SmtpProbeResult p : r.smtp()) {
      sb.append("SMTP:  ")
          .append(p.host())
          .append(" [")
          .append(p.address())
          .append("]:")
          .append(p.port());
      if (p.banner() == null) {
        sb.append("  unreachable: ").append(p.error()).append('\n');
        continue;
      }
      sb.append("\n         banner: ").append(firstLine(p.banner()));
      sb.append("\n         STARTTLS: ").append(p.starttls() ? "offered" : "not offered");
      sb.append("\n         MAIL FROM:<>: ").append(firstLine(p.nullSender()));
      sb.append("\n         RCPT unknown user: ").append(firstLine(p.unknownRecipient()));
      sb.append("\n         RCPT foreign domain: ").append(firstLine(p.relay())).append('\n');
    }
    sb.append('\n');
    if (r.findings().isEmpty()) {
      sb.append("No problems found.\n");
      return sb.toString();
    }
    sb.append(r.findings().size())
        .append(r.findings().size() == 1 ? " finding:\n" : " findings:\n");
    for (Finding f : r.findings()) {
      sb.append(String.format("%-8s %s  %s%n", f.severity(), f.code(), f.subject()));
      sb.append("         ").append(f.message()).append('\n');
      sb.append("         fix: ").append(f.fix()).append('\n');
    }
    return sb.toString();
  }

  private static String firstLine(SmtpReply r) {
    if (r == null) {
      return "-";
    }
    String t = r.text();
    int nl = t.indexOf('\n');
    return r.code() + " " + (nl < 0 ? t : t.substring(0, nl));
  }
}
