package org.backstop.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The result of auditing a mail domain: what was seen and what is wrong.
 *
 * @param spf the SPF record, or null
 * @param spfLookups the DNS lookups evaluating it costs (RFC 7208 section 4.6.4 allows 10)
 * @param dmarc the DMARC record, or null
 * @param dkim selector to what was found there
 */
public record AuditReport(
    String domain,
    Instant checkedAt,
    List<MxHost> mx,
    String spf,
    int spfLookups,
    String dmarc,
    Map<String, String> dkim,
    List<SmtpProbeResult> smtp,
    List<Finding> findings) {

  public AuditReport {
    mx = List.copyOf(mx);
    dkim = Map.copyOf(dkim);
    smtp = List.copyOf(smtp);
    findings =
        findings.stream()
            .sorted(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::code))
            .toList();
  }

  /** The worst severity found, or null when nothing was found. */
  @JsonIgnore
  public Severity worst() {
    return findings.isEmpty() ? null : findings.get(0).severity();
  }

  /** The codes of all findings, for scripts and tests. */
  @JsonIgnore
  public List<String> codes() {
    return findings.stream().map(Finding::code).toList();
  }
}
