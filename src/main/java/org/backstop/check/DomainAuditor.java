package org.backstop.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.backstop.net.IpAddress;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Audits a mail domain for what makes a server a backscatter source or an easy target: MX and
 * forward-confirmed reverse DNS of each MX (RFC 5321 section 5.1, RFC 8601 section 3), SPF (RFC
 * 7208), DMARC (RFC 7489), DKIM keys (RFC 6376, RFC 8301) and an SMTP probe of each MX that never
 * sends a message ({@link SmtpProbe}).
 *
 * <p>Usable from the CLI and the web site: {@code auditor.audit("example.org", List.of("s1"))}.
 */
public final class DomainAuditor {

  private static final int SPF_LOOKUP_LIMIT = 10;
  private static final int MAX_MX = 10;
  private static final int MAX_ADDRESSES_PER_MX = 4;

  private final DnsClient dns;
  private final SmtpProbe probe;
  private final int smtpPort;
  private final Clock clock;
  private final Duration timeout;

  /**
   * @param probe the SMTP prober, or null to skip SMTP
   * @param smtpPort the port to probe (25 in production; a fixture's port in tests)
   * @param timeout the deadline of each DNS question
   */
  public DomainAuditor(
      DnsClient dns, SmtpProbe probe, int smtpPort, Clock clock, Duration timeout) {
    this.dns = dns;
    this.probe = probe;
    this.smtpPort = smtpPort;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Audits {@code domain}, checking DKIM keys at the given selectors. */
  public AuditReport audit(String domain, List<String> dkimSelectors) {
    Target t = Target.parse(domain);
    if (t.kind() != TargetKind.DOMAIN) {
      throw new IllegalArgumentException("audit takes a domain name, not an address: " + domain);
    }
    Run run = new Run(t.text());
    List<MxHost> mx = run.mx();
    run.spf();
    run.dmarc();
    Map<String, String> dkim = new LinkedHashMap<>();
    for (String sel : dkimSelectors) {
      dkim.put(sel, run.dkim(sel));
    }
    List<SmtpProbeResult> smtp = probe == null ? List.of() : run.smtp(mx);
    return new AuditReport(
        t.text(),
        clock.instant(),
        mx,
        run.spfRecord,
        run.spfLookups,
        run.dmarcRecord,
        dkim,
        smtp,
        run.findings);
  }

  /** The state of one audit. */
  private final class Run {
    final String domain;
    final List<Finding> findings = new ArrayList<>();
    final Set<String> failedNames = new HashSet<>();
    String spfRecord;
    int spfLookups;
    String dmarcRecord;
    boolean nullMx;

    Run(String domain) {
      this.domain = domain;
    }

    void find(Severity s, String code, String subject, String message, String fix) {
      findings.add(new Finding(s, code, subject, message, fix));
    }

    /** Asks DNS; on failure records one DNS_FAILURE finding per name and returns null. */
    DnsResponse ask(String name, int type) {
      try {
        DnsResponse r =
            dns.query(Name.fromString(name, Name.root), type)
                .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        if (r.rcode() == Rcode.NOERROR || r.rcode() == Rcode.NXDOMAIN) {
          return r;
        }
        fail(name, "DNS " + Rcode.string(r.rcode()));
      } catch (TextParseException e) {
        fail(name, "not a valid DNS name");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(name, "interrupted");
      } catch (Exception e) {
        fail(name, e.getCause() != null ? e.getCause().getMessage() : e.toString());
      }
      return null;
    }

    private void fail(String name, String why) {
      if (failedNames.add(name)) {
        find(
            Severity.HIGH,
            "DNS_FAILURE",
            name,
            "DNS lookup failed: " + why,
            "Make sure the domain's name servers answer for " + name + ".");
      }
    }

    List<String> txt(String name) {
      DnsResponse r = ask(name, Type.TXT);
      return r == null ? List.of() : r.texts();
    }

    List<IpAddress> addresses(String host) {
      List<IpAddress> out = new ArrayList<>();
      for (int type : new int[] {Type.A, Type.AAAA}) {
        DnsResponse r = ask(host, type);
        if (r != null) {
          out.addAll(r.addresses());
        }
      }
      return out;
    }

    List<MxHost> mx() {
      DnsResponse r = ask(domain, Type.MX);
      if (r == null) {
        return List.of();
      }
      if (r.isNxdomain()) {
        find(
            Severity.CRITICAL,
            "DOMAIN_NXDOMAIN",
            domain,
            "The domain does not exist in DNS.",
            "Register the domain or check its spelling.");
        return List.of();
      }
      List<MXRecord> records =
          r.records(MXRecord.class).stream()
              .sorted(Comparator.comparingInt(MXRecord::getPriority))
              .limit(MAX_MX)
              .toList();
      if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
        nullMx = true;
        find(
            Severity.INFO,
            "MX_NULL",
            domain,
            "The domain publishes a null MX (RFC 7505): it accepts no mail.",
            "Nothing to do if the domain should not receive mail.");
        return List.of();
      }
      List<MxHost> hosts = new ArrayList<>();
      if (records.isEmpty()) {
        find(
            Severity.MEDIUM,
            "MX_MISSING",
            domain,
            "No MX record: senders fall back to the domain's own address (RFC 5321 section 5.1).",
            "Publish an MX record naming the mail server, or a null MX (RFC 7505) if the domain"
                + " receives no mail.");
        List<IpAddress> implicit = addresses(domain);
        if (!implicit.isEmpty()) {
          hosts.add(host(domain, 0, implicit));
        }
        return hosts;
      }
      for (MXRecord m : records) {
        String name = strip(m.getTarget());
        List<IpAddress> addrs = addresses(name);
        if (addrs.isEmpty()) {
          find(
              Severity.HIGH,
              "MX_NO_ADDRESS",
              name,
              "MX host " + name + " has no A or AAAA record: mail to it cannot be delivered.",
              "Publish an A (and AAAA) record for " + name + " or remove the MX.");
        }
        hosts.add(host(name, m.getPriority(), addrs));
      }
      return hosts;
    }

    private MxHost host(String name, int pref, List<IpAddress> addrs) {
      List<MxHost.AddressCheck> checks = new ArrayList<>();
      for (IpAddress a : addrs.stream().limit(MAX_ADDRESSES_PER_MX).toList()) {
        checks.add(reverse(name, a));
      }
      return new MxHost(name, pref, checks);
    }

    /** PTR and forward confirmation of one address (RFC 8601 section 3 "iprev"). */
    private MxHost.AddressCheck reverse(String host, IpAddress a) {
      DnsResponse r = ask(ReverseMap.fromAddress(inet(a)).toString(), Type.PTR);
      List<String> names =
          r == null
              ? List.of()
              : r.records(PTRRecord.class).stream().map(p -> strip(p.getTarget())).toList();
      if (r != null && names.isEmpty()) {
        find(
            Severity.MEDIUM,
            "PTR_MISSING",
            a.toString(),
            "Address "
                + a
                + " of MX "
                + host
                + " has no reverse DNS (PTR); many receivers"
                + " distrust or refuse mail from it.",
            "Ask the owner of " + a + " (your ISP or host) to set its PTR to " + host + ".");
        return new MxHost.AddressCheck(a.toString(), names, false);
      }
      boolean confirmed = false;
      for (String n : names.stream().limit(5).toList()) {
        confirmed |= addresses(n).contains(a);
      }
      if (!names.isEmpty() && !confirmed) {
        find(
            Severity.MEDIUM,
            "FCRDNS_MISMATCH",
            a.toString(),
            "Reverse DNS of "
                + a
                + " is "
                + names.get(0)
                + ", which does not resolve back to "
                + a
                + " (no forward-confirmed reverse DNS).",
            "Make the PTR name resolve to " + a + ", or set the PTR to " + host + ".");
      }
      return new MxHost.AddressCheck(a.toString(), names, confirmed);
    }

    void spf() {
      List<String> records = txt(domain).stream().filter(Spf::isSpf).toList();
      if (records.isEmpty()) {
        if (!failedNames.contains(domain)) {
          find(
              Severity.MEDIUM,
              "SPF_MISSING",
              domain,
              "No SPF record (RFC 7208): anyone can forge this domain as the envelope sender,"
                  + " and receivers cannot reject the backscatter of that forgery.",
              "Publish a TXT record such as \"v=spf1 mx -all\" listing your outgoing servers.");
        }
        return;
      }
      if (records.size() > 1) {
        find(
            Severity.HIGH,
            "SPF_MULTIPLE",
            domain,
            "More than one SPF record: evaluation ends in permerror (RFC 7208 section 4.5).",
            "Merge them into a single \"v=spf1 ...\" TXT record.");
      }
      spfRecord = records.get(0);
      Spf spf = Spf.parse(spfRecord);
      for (String e : spf.errors()) {
        find(
            Severity.HIGH,
            "SPF_SYNTAX",
            domain,
            "SPF syntax error: " + e + " (RFC 7208 section 12).",
            "Correct the SPF record; a syntax error makes receivers treat it as permerror.");
      }
      Set<String> seen = new HashSet<>();
      seen.add(domain);
      spfLookups = lookups(spf, seen, 0);
      if (spfLookups > SPF_LOOKUP_LIMIT) {
        find(
            Severity.HIGH,
            "SPF_TOO_MANY_LOOKUPS",
            domain,
            "Evaluating SPF takes "
                + spfLookups
                + " DNS lookups; RFC 7208 section 4.6.4 allows"
                + " 10, so receivers return permerror.",
            "Replace include:, a, mx and ptr terms by ip4:/ip6: ranges, or flatten includes.");
      }
      Spf.Term all = spf.all();
      if (all == null && spf.redirect() == null) {
        find(
            Severity.MEDIUM,
            "SPF_NO_ALL",
            domain,
            "The SPF record has no 'all' mechanism or redirect: unlisted senders get 'neutral'.",
            "End the record with -all (or ~all while testing).");
      } else if (all != null && all.qualifier() == '+') {
        find(
            Severity.CRITICAL,
            "SPF_PASS_ALL",
            domain,
            "The SPF record ends in +all: every host on the Internet passes SPF for this domain.",
            "Replace +all with -all after listing your real senders.");
      } else if (all != null && all.qualifier() == '?') {
        find(
            Severity.MEDIUM,
            "SPF_NEUTRAL_ALL",
            domain,
            "The SPF record ends in ?all: forged mail is 'neutral', so it cannot be refused.",
            "Replace ?all with -all (or ~all while testing).");
      }
      if (spf.terms().stream().anyMatch(x -> !x.modifier() && x.name().equals("ptr"))) {
        find(
            Severity.LOW,
            "SPF_PTR",
            domain,
            "The SPF record uses 'ptr', which RFC 7208 section 5.5 says SHOULD NOT be used.",
            "Replace ptr with ip4:/ip6: ranges or a/mx.");
      }
    }

    /** Counts the lookups of a record and everything it includes or redirects to. */
    private int lookups(Spf spf, Set<String> seen, int depth) {
      int n = 0;
      for (Spf.Term term : spf.lookupTerms()) {
        n++;
        boolean recurse = term.name().equals("include") || term.name().equals("redirect");
        String target = term.value().toLowerCase(Locale.ROOT);
        if (!recurse || target.contains("%") || depth > SPF_LOOKUP_LIMIT || n > SPF_LOOKUP_LIMIT) {
          continue;
        }
        if (!seen.add(target)) {
          continue; // a loop: counted once, not followed again
        }
        List<String> rec = txt(target).stream().filter(Spf::isSpf).toList();
        if (rec.isEmpty()) {
          if (!failedNames.contains(target)) {
            find(
                Severity.HIGH,
                "SPF_INCLUDE_MISSING",
                target,
                term.name()
                    + " target "
                    + target
                    + " has no SPF record: permerror (RFC 7208"
                    + " section 5.2).",
                "Remove the " + term.name() + " of " + target + " or fix its SPF record.");
          }
          continue;
        }
        n += lookups(Spf.parse(rec.get(0)), seen, depth + 1);
      }
      return n;
    }

    void dmarc() {
      List<String> records = txt("_dmarc." + domain).stream().filter(Dmarc::isDmarc).toList();
      String org = organizationalDomain(domain);
      if (records.isEmpty() && !org.equals(domain)) {
        // RFC 7489 section 6.6.3: without its own record a subdomain falls under the
        // organizational domain's policy (its sp= tag, else p=).
        records = txt("_dmarc." + org).stream().filter(Dmarc::isDmarc).toList();
      }
      if (records.isEmpty()) {
        if (!failedNames.contains("_dmarc." + domain)) {
          find(
              Severity.MEDIUM,
              "DMARC_MISSING",
              domain,
              "No DMARC record at _dmarc."
                  + domain
                  + " (RFC 7489): receivers have no policy"
                  + " for mail that forges this domain.",
              "Publish \"v=DMARC1; p=quarantine; rua=mailto:dmarc@"
                  + domain
                  + "\" at _dmarc."
                  + domain
                  + ", then move to p=reject.");
        }
        return;
      }
      dmarcRecord = records.get(0);
      Dmarc d = Dmarc.parse(dmarcRecord);
      String p = d.policy();
      if (!org.equals(domain) && d.tags().containsKey("sp")) {
        p = d.tags().get("sp").toLowerCase(Locale.ROOT);
      }
      if (p == null || !Set.of("none", "quarantine", "reject").contains(p)) {
        find(
            Severity.HIGH,
            "DMARC_SYNTAX",
            domain,
            "The DMARC record has no valid p= tag (RFC 7489 section 6.3).",
            "Add p=none, p=quarantine or p=reject.");
      } else if (p.equals("none")) {
        find(
            Severity.MEDIUM,
            "DMARC_POLICY_NONE",
            domain,
            "DMARC policy is p=none: forged mail is only reported, never refused.",
            "Move to p=quarantine, then p=reject, once reports show your own mail aligns.");
      }
      if (d.rua() == null || d.rua().isBlank()) {
        find(
            Severity.LOW,
            "DMARC_NO_RUA",
            domain,
            "The DMARC record has no rua= tag: you receive no aggregate reports.",
            "Add rua=mailto:dmarc-reports@" + domain + ".");
      }
    }

    /**
     * The organizational domain, approximated as the last two labels: Backstop ships no Public
     * Suffix List, so for names under multi-label suffixes (example.co.uk) the lookup of the
     * subdomain's own record is what counts.
     */
    private String organizationalDomain(String d) {
      String[] labels = d.split("\\.");
      return labels.length <= 2 ? d : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** Checks a DKIM key record (RFC 6376 section 3.6.1); returns a short description. */
    String dkim(String selector) {
      String name = selector + "._domainkey." + domain;
      List<String> records = txt(name);
      if (records.isEmpty()) {
        if (!failedNames.contains(name)) {
          find(
              Severity.MEDIUM,
              "DKIM_MISSING",
              name,
              "No DKIM key at " + name + ".",
              "Publish the selector's public key, or correct the selector name.");
        }
        return "missing";
      }
      Map<String, String> tags = Dmarc.parse(records.get(0)).tags();
      String p = tags.getOrDefault("p", null);
      if (p == null) {
        find(
            Severity.HIGH,
            "DKIM_BAD_KEY",
            name,
            "The DKIM record has no p= tag.",
            "Publish \"v=DKIM1; k=rsa; p=<base64 public key>\".");
        return "no p= tag";
      }
      p = p.replaceAll("\\s+", "");
      if (p.isEmpty()) {
        find(
            Severity.MEDIUM,
            "DKIM_REVOKED",
            name,
            "The DKIM key is revoked (empty p=): signatures with this selector fail.",
            "Sign with a current selector, or remove this one from your signer.");
        return "revoked";
      }
      String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
      try {
        byte[] der = Base64.getDecoder().decode(p);
        if (k.equals("ed25519")) {
          return der.length == 32 ? "ed25519" : badKey(name, "an Ed25519 key has 32 bytes");
        }
        RSAPublicKey key =
            (RSAPublicKey)
                KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        int bits = key.getModulus().bitLength();
        if (bits < 1024) {
          find(
              Severity.HIGH,
              "DKIM_WEAK_KEY",
              name,
              "The DKIM key has "
                  + bits
                  + " bits; RFC 8301 requires at least 1024 and receivers"
                  + " treat shorter keys as no signature.",
              "Generate a 2048-bit key and publish it under a new selector.");
        }
        return bits + "-bit RSA";
      } catch (IllegalArgumentException
          | java.security.GeneralSecurityException
          | ClassCastException e) {
        return badKey(name, "the p= value is not a valid " + k + " public key");
      }
    }

    private String badKey(String name, String why) {
      find(
          Severity.HIGH,
          "DKIM_BAD_KEY",
          name,
          "The DKIM key cannot be used: " + why + ".",
          "Publish the public key as base64 of its SubjectPublicKeyInfo (RFC 6376 section 3.6.1).");
      return "bad key";
    }

    List<SmtpProbeResult> smtp(List<MxHost> hosts) {
      List<SmtpProbeResult> out = new ArrayList<>();
      for (MxHost h : hosts) {
        for (MxHost.AddressCheck a : h.addresses()) {
          InetSocketAddress sa =
              new InetSocketAddress(inet(IpAddress.parse(a.address())), smtpPort);
          SmtpProbeResult r = probe.probe(h.name(), sa, domain);
          judge(r);
          out.add(r);
        }
      }
      return out;
    }

    private void judge(SmtpProbeResult r) {
      String who = r.host() + " [" + r.address() + "]:" + r.port();
      if (r.error() != null && r.banner() == null) {
        find(
            Severity.HIGH,
            "SMTP_UNREACHABLE",
            who,
            "Cannot talk SMTP to the MX: " + r.error() + ".",
            "Make sure the server listens on port " + r.port() + " and the firewall lets it in.");
        return;
      }
      if (r.banner() != null && !r.banner().positive()) {
        find(
            Severity.MEDIUM,
            "SMTP_BAD_BANNER",
            who,
            "The server greets with " + r.banner() + " instead of 220 (RFC 5321 section 4.2).",
            "Fix the server so it accepts connections with a 220 greeting.");
        return;
      }
      if (r.error() != null) {
        find(
            Severity.MEDIUM,
            "SMTP_PROBE_FAILED",
            who,
            "The SMTP dialogue broke off: " + r.error() + ".",
            "Check the server's logs for the probe's connection.");
      }
      if (!r.starttls()) {
        find(
            Severity.MEDIUM,
            "SMTP_NO_STARTTLS",
            who,
            "The server does not offer STARTTLS (RFC 3207): mail reaches it in clear text.",
            "Configure a certificate and enable STARTTLS (Postfix: smtpd_tls_security_level = may).");
      }
      if (r.nullSender() != null && r.nullSender().permanentFailure()) {
        find(
            Severity.HIGH,
            "SMTP_REFUSES_NULL_SENDER",
            who,
            "MAIL FROM:<> is refused with "
                + r.nullSender()
                + "; RFC 5321 section 4.5.5 and"
                + " RFC 1123 section 5.2.9 require accepting the null sender used by bounces.",
            "Accept the null sender; reject unwanted bounces by recipient or content instead.");
      }
      if (r.unknownRecipient() != null && r.unknownRecipient().positive()) {
        find(
            Severity.HIGH,
            "SMTP_ACCEPTS_UNKNOWN_RECIPIENT",
            who,
            "RCPT TO a random address that cannot exist is accepted ("
                + r.unknownRecipient()
                + "): the server bounces such mail later, to forged senders. This makes it a"
                + " backscatter source.",
            "Reject unknown recipients during the SMTP dialogue (Postfix:"
                + " smtpd_reject_unlisted_recipient = yes with local_recipient_maps or"
                + " relay_recipient_maps; on a backup MX, a recipient map or reject_unverified_recipient).");
      } else if (r.unknownRecipient() != null && r.unknownRecipient().temporaryFailure()) {
        find(
            Severity.INFO,
            "SMTP_RCPT_TEMPFAIL",
            who,
            "RCPT TO an unknown address got "
                + r.unknownRecipient()
                + " (greylisting?): whether unknown recipients are refused is unknown.",
            "Nothing to fix; to get a verdict, allow the auditing host past greylisting.");
      }
      if (r.relay() != null && r.relay().positive()) {
        find(
            Severity.CRITICAL,
            "SMTP_OPEN_RELAY",
            who,
            "The server accepts mail for a foreign domain from an unauthenticated client ("
                + r.relay()
                + "): it is an open relay.",
            "Relay only for your own domains and authenticated users (Postfix:"
                + " smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated,"
                + " reject_unauth_destination).");
      }
    }
  }

  private static String strip(Name n) {
    String s = n.toString();
    return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s).toLowerCase(Locale.ROOT);
  }

  private static InetAddress inet(IpAddress a) {
    try {
      return InetAddress.getByAddress(a.bytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
    }
  }
}
