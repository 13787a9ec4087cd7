package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit against a fixture DNS server and fixture SMTP servers on loopback addresses: a good
 * domain has no findings, and each faulty domain has exactly its one fault.
 */
class DomainAuditorIT {

  private static final FixtureZones zones = new FixtureZones();
  private static FixtureDnsServer dns;
  private static final List<FixtureSmtpServer> smtp = new ArrayList<>();
  private static String goodKey;
  private static String weakKey;
  private static int nextHost = 11;

  @BeforeAll
  static void start() throws Exception {
    dns = new FixtureDnsServer(zones);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    goodKey = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
    g.initialize(512);
    weakKey = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
  }

  @AfterAll
  static void stop() throws IOException {
    dns.close();
    for (FixtureSmtpServer s : smtp) {
      s.close();
    }
  }

  /**
   * A domain with one MX on its own loopback address, everything right unless {@code fault} changes
   * it.
   */
  private static int domain(String d, FixtureSmtpServer.Behaviour b, Consumer<FixtureZones> fault)
      throws IOException {
    String ip = "127.0.0." + nextHost++;
    zones
        .mx(d, 10, "mx." + d)
        .a("mx." + d, ip)
        .ptr(ip, "mx." + d)
        .txt(d, "v=spf1 mx -all")
        .txt("_dmarc." + d, "v=DMARC1; p=reject; rua=mailto:dmarc@" + d)
        .txt("s1._domainkey." + d, "v=DKIM1; k=rsa; p=" + goodKey);
    fault.accept(zones);
    if (b == null) {
      try (ServerSocket closed = new ServerSocket(0)) {
        return closed.getLocalPort(); // nothing listens there once closed
      }
    }
    FixtureSmtpServer s = new FixtureSmtpServer(ip, d, b);
    smtp.add(s);
    return s.port();
  }

  private static AuditReport audit(String d, int port) {
    DomainAuditor a =
        new DomainAuditor(
            dns.clientUnchecked(Duration.ofSeconds(2)),
            new SmtpProbe("audit.backstop.test", Duration.ofSeconds(3)),
            port,
            Clock.systemUTC(),
            Duration.ofSeconds(2));
    return a.audit(d, List.of("s1"));
  }

  static Stream<Arguments> faults() {
    var G = FixtureSmtpServer.Behaviour.GOOD;
    return Stream.of(
        Arguments.of("good.test", G, (Consumer<FixtureZones>) z -> {}, List.of()),
        Arguments.of(
            "backscatter.test",
            FixtureSmtpServer.Behaviour.ACCEPT_ALL_RECIPIENTS,
            (Consumer<FixtureZones>) z -> {},
            List.of("SMTP_ACCEPTS_UNKNOWN_RECIPIENT")),
        Arguments.of(
            "relay.test",
            FixtureSmtpServer.Behaviour.OPEN_RELAY,
            (Consumer<FixtureZones>) z -> {},
            List.of("SMTP_OPEN_RELAY")),
        Arguments.of(
            "nullsender.test",
            FixtureSmtpServer.Behaviour.REFUSE_NULL_SENDER,
            (Consumer<FixtureZones>) z -> {},
            List.of("SMTP_REFUSES_NULL_SENDER")),
        Arguments.of(
            "notls.test",
            FixtureSmtpServer.Behaviour.NO_STARTTLS,
            (Consumer<FixtureZones>) z -> {},
            List.of("SMTP_NO_STARTTLS")),
        Arguments.of(
            "down.test", null, (Consumer<FixtureZones>) z -> {}, List.of("SMTP_UNREACHABLE")),
        Arguments.of(
            "spfall.test",
            G,
            (Consumer<FixtureZones>)
                z ->
                    z.remove("spfall.test")
                        .mx("spfall.test", 10, "mx.spfall.test")
                        .txt("spfall.test", "v=spf1 mx +all"),
            List.of("SPF_PASS_ALL")),
        Arguments.of(
            "spflookups.test",
            G,
            (Consumer<FixtureZones>)
                z -> {
                  z.remove("spflookups.test")
                      .mx("spflookups.test", 10, "mx.spflookups.test")
                      .txt(
                          "spflookups.test",
                          "v=spf1 mx include:i1.spflookups.test include:i2.spflookups.test -all");
                  z.txt("i1.spflookups.test", "v=spf1 a mx exists:x.test a:b.test mx:c.test ~all");
                  z.txt("i2.spflookups.test", "v=spf1 a mx a:d.test ip4:192.0.2.0/24 ~all");
                },
            List.of("SPF_TOO_MANY_LOOKUPS")),
        Arguments.of(
            "nospf.test",
            G,
            (Consumer<FixtureZones>)
                z -> z.remove("nospf.test").mx("nospf.test", 10, "mx.nospf.test"),
            List.of("SPF_MISSING")),
        Arguments.of(
            "badspf.test",
            G,
            (Consumer<FixtureZones>)
                z ->
                    z.remove("badspf.test")
                        .mx("badspf.test", 10, "mx.badspf.test")
                        .txt("badspf.test", "v=spf1 mx ip4:192.0.2.300 -all"),
            List.of("SPF_SYNTAX")),
        Arguments.of(
            "nodmarc.test",
            G,
            (Consumer<FixtureZones>) z -> z.remove("_dmarc.nodmarc.test"),
            List.of("DMARC_MISSING")),
        Arguments.of(
            "dmarcnone.test",
            G,
            (Consumer<FixtureZones>)
                z ->
                    z.remove("_dmarc.dmarcnone.test")
                        .txt(
                            "_dmarc.dmarcnone.test",
                            "v=DMARC1; p=none; rua=mailto:d@dmarcnone.test"),
            List.of("DMARC_POLICY_NONE")),
        Arguments.of(
            "noptr.test",
            G,
            (Consumer<FixtureZones>) z -> z.remove(ptrName(nextHost - 1)),
            List.of("PTR_MISSING")),
        Arguments.of(
            "fcrdns.test",
            G,
            (Consumer<FixtureZones>)
                z ->
                    z.remove(ptrName(nextHost - 1))
                        .ptr("127.0.0." + (nextHost - 1), "elsewhere.fcrdns.test")
                        .a("elsewhere.fcrdns.test", "127.0.0.250"),
            List.of("FCRDNS_MISMATCH")),
        Arguments.of(
            "mail.orgdmarc.test",
            G,
            (Consumer<FixtureZones>)
                z ->
                    z.remove("_dmarc.mail.orgdmarc.test")
                        .txt(
                            "_dmarc.orgdmarc.test",
                            "v=DMARC1; p=reject; rua=mailto:d@orgdmarc.test"),
            List.of()),
        Arguments.of(
            "mail.orgnone.test",
            G,
            (Consumer<FixtureZones>)
                z ->
                    z.remove("_dmarc.mail.orgnone.test")
                        .txt(
                            "_dmarc.orgnone.test",
                            "v=DMARC1; p=reject; sp=none; rua=mailto:d@orgnone.test"),
            List.of("DMARC_POLICY_NONE")),
        Arguments.of(
            "nodkim.test",
            G,
            (Consumer<FixtureZones>) z -> z.remove("s1._domainkey.nodkim.test"),
            List.of("DKIM_MISSING")),
        Arguments.of(
            "weakdkim.test",
            G,
            (Consumer<FixtureZones>)
                z ->
                    z.remove("s1._domainkey.weakdkim.test")
                        .txt("s1._domainkey.weakdkim.test", "v=DKIM1; k=rsa; p=" + weakKey),
            List.of("DKIM_WEAK_KEY")));
  }

  private static String ptrName(int host) {
    return host + ".0.0.127.in-addr.arpa";
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("faults")
  void auditFindsEachFaultAndNothingElse(
      String d, FixtureSmtpServer.Behaviour b, Consumer<FixtureZones> fault, List<String> expected)
      throws Exception {
    int port = domain(d, b, fault);
    AuditReport r = audit(d, port);
    assertThat(r.codes()).as(r.findings().toString()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(r.findings()).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
  }

  @Test
  void goodDomainReportShowsWhatWasSeenAndTheProbeQuitBeforeData() throws Exception {
    int port = domain("seen.test", FixtureSmtpServer.Behaviour.GOOD, z -> {});
    AuditReport r = audit("seen.test", port);
    assertThat(r.mx())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.name()).isEqualTo("mx.seen.test");
              assertThat(m.addresses())
                  .singleElement()
                  .satisfies(
                      a -> {
                        assertThat(a.ptr()).containsExactly("mx.seen.test");
                        assertThat(a.fcrdns()).isTrue();
                      });
            });
    assertThat(r.spf()).isEqualTo("v=spf1 mx -all");
    assertThat(r.spfLookups()).isEqualTo(1);
    assertThat(r.dmarc()).startsWith("v=DMARC1; p=reject");
    assertThat(r.dkim()).containsEntry("s1", "2048-bit RSA");
    SmtpProbeResult p = r.smtp().get(0);
    assertThat(p.starttls()).isTrue();
    assertThat(p.nullSender().code()).isEqualTo(250);
    assertThat(p.unknownRecipient().code()).isEqualTo(550);
    assertThat(p.relay().code()).isEqualTo(554);
    FixtureSmtpServer server = smtp.get(smtp.size() - 1);
    assertThat(server.commands).contains("QUIT").noneMatch(c -> c.equalsIgnoreCase("DATA"));
    assertThat(Json.write(r)).contains("\"spfLookups\" : 1");
    assertThat(AuditReportText.render(r)).contains("mx.seen.test", "No problems found");
  }

  private static int cli(java.io.StringWriter out, String... args) {
    picocli.CommandLine cl =
        new picocli.CommandLine(new org.backstop.cli.BackstopCommand())
            .setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(out, true));
    return cl.execute(args);
  }

  @Test
  void auditCommandExitsOneOnAnOpenRelayAndPrintsTheFix() throws Exception {
    int port = domain("cli-relay.test", FixtureSmtpServer.Behaviour.OPEN_RELAY, z -> {});
    var out = new java.io.StringWriter();
    int code =
        cli(
            out,
            "audit",
            "--resolver",
            dns.hostPort(),
            "--smtp-port",
            String.valueOf(port),
            "--dkim-selector",
            "s1",
            "--helo",
            "audit.backstop.test",
            "cli-relay.test");
    assertThat(code).as(out.toString()).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            "CRITICAL SMTP_OPEN_RELAY",
            "reject_unauth_destination",
            "DKIM:  s1: 2048-bit RSA",
            "RCPT foreign domain: 250");
  }

  @Test
  void auditCommandJsonOfAGoodDomainExitsZero() throws Exception {
    int port = domain("cli-good.test", FixtureSmtpServer.Behaviour.GOOD, z -> {});
    var out = new java.io.StringWriter();
    int code =
        cli(
            out,
            "audit",
            "--resolver",
            dns.hostPort(),
            "--smtp-port",
            String.valueOf(port),
            "--format",
            "json",
            "--helo",
            "audit.backstop.test",
            "cli-good.test");
    assertThat(code).as(out.toString()).isEqualTo(0);
    var j = Json.mapper().readTree(out.toString());
    assertThat(j.get("findings")).isEmpty();
    assertThat(j.get("smtp").get(0).get("starttls").asBoolean()).isTrue();
  }

  @Test
  void auditCommandRejectsBadArguments() {
    var out = new java.io.StringWriter();
    assertThat(cli(out, "audit", "--resolver", dns.hostPort(), "192.0.2.1")).isEqualTo(2);
    assertThat(out.toString()).contains("domain name, not an address");
    assertThat(cli(out, "audit", "--smtp-port", "0", "x.test")).isEqualTo(2);
    assertThat(cli(out, "audit", "--dkim-selector", "bad selector", "x.test")).isEqualTo(2);
    assertThat(cli(out, "audit", "--resolver", dns.hostPort(), "not a domain")).isEqualTo(2);
  }

  @Test
  void missingDomainIsCritical() {
    AuditReport r = audit("absent.test", 25);
    assertThat(r.codes()).contains("DOMAIN_NXDOMAIN");
  }
}
