package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.backstop.mail.Batv;
import org.backstop.mail.BatvKeys;
import org.backstop.net.Cidr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real Postfix with Backstop as its policy server and milter, mail sent with swaks. Postfix
 * relays everything to a capturing SMTP sink (as an MX in front of an internal mail server would),
 * so each test sees exactly what Postfix accepted and with which envelope. Clients on 127.0.0.1 are
 * "our network" (outbound); swaks binds 127.0.0.2 to play the Internet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostfixShieldIT {
  private static final String INTERNET = "127.0.0.2";

  record Envelope(String from, String to, String data) {}

  static Path dir;
  static PostfixInstance postfix;
  static Shield shield;
  static SMTPServer sink;
  static Batv batv;
  static final BlockingQueue<Envelope> delivered = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    PostfixInstance.requireTool("swaks");
    dir = Files.createTempDirectory("backstop-postfix");
    sink =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getLoopbackAddress())
            .messageHandler(
                (ctx, from, to, data) ->
                    delivered.add(
                        new Envelope(
                            from, to, new String(data, java.nio.charset.StandardCharsets.UTF_8))))
            .build();
    sink.start();

    BatvKeys keys = BatvKeys.of(List.of("it-secret-0"));
    batv = new Batv(keys, Clock.systemUTC());
    ShieldConfig config =
        new ShieldConfig(
            Set.of("example.test"),
            batv,
            List.of(Cidr.parse("127.0.0.1/32")),
            Set.of(),
            1,
            100,
            ShieldAction.REJECT,
            256 * 1024);
    SentLedger ledger =
        SentLedger.open("jdbc:sqlite:" + dir.resolve("ledger.db"), null, null, Clock.systemUTC());
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    shield =
        new Shield(
            config,
            ledger,
            List.of(),
            name -> new java.util.concurrent.CompletableFuture<>(),
            any,
            any,
            Duration.ofDays(30),
            Clock.systemUTC());

    Path batvMap = dir.resolve("batv.regexp");
    Files.writeString(batvMap, "/^prvs=[0-9][0-9]{3}[0-9a-f]{6}=(.+)$/ ${1}\n");
    String mainCf =
        String.join(
            "\n",
            "mynetworks = 127.0.0.1/32",
            "relay_domains = example.test other.test",
            "relayhost = [127.0.0.1]:" + sink.getPortAllocated(),
            // The shield, as the README's snippet has it.
            "smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination,"
                + " check_policy_service inet:127.0.0.1:"
                + shield.policyAddress().getPort(),
            "smtpd_policy_service_default_action = DUNNO",
            "smtpd_policy_service_timeout = 10s",
            "smtpd_policy_service_try_limit = 1",
            "smtpd_milters = inet:127.0.0.1:" + shield.milterAddress().getPort(),
            "milter_default_action = accept",
            "milter_connect_timeout = 5s",
            "recipient_canonical_maps = regexp:" + batvMap,
            "");
    postfix = PostfixInstance.start(dir, mainCf);
  }

  @AfterAll
  static void stop() throws Exception {
    if (postfix != null) {
      postfix.close();
    }
    if (shield != null) {
      shield.close();
    }
    if (sink != null) {
      sink.stop();
    }
    if (dir != null) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static PostfixInstance.Result swaks(String from, String to, String client, Path data)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "swaks",
                "--server",
                "127.0.0.1:" + postfix.port,
                "--local-interface",
                client,
                "--ehlo",
                "client.test",
                "--from",
                from,
                "--to",
                to,
                "--timeout",
                "60"));
    if (data != null) {
      cmd.addAll(List.of("--data", "-"));
    }
    return PostfixInstance.exec(cmd, data);
  }

  private static Path message(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text.replace("\n", "\r\n"));
  }

  private static Envelope nextDelivery() throws Exception {
    Envelope e = delivered.poll(60, TimeUnit.SECONDS);
    assertThat(e).as("a delivery to the sink; Postfix log:\n%s", postfix.log()).isNotNull();
    return e;
  }

  private static String dsnAbout(String to, String messageId) {
    return """
        From: MAILER-DAEMON@remote.test
        To: %s
        Subject: Undelivered Mail Returned to Sender
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"

        --B
        Content-Type: text/plain

        Your message could not be delivered.

        --B
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.remote.test

        Final-Recipient: rfc822; nobody@remote.test
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: smtp; 550 5.1.1 user unknown

        --B
        Content-Type: text/rfc822-headers

        From: someone@example.test
        To: nobody@remote.test
        Subject: hello
        Message-ID: <%s>

        --B--
        """
        .formatted(to, messageId);
  }

  @Test
  @Order(1)
  void ordinaryMailPasses() throws Exception {
    PostfixInstance.Result r = swaks("carol@elsewhere.test", "bob@example.test", INTERNET, null);
    assertThat(r.exit()).as(r.output()).isZero();
    Envelope e = nextDelivery();
    assertThat(e.from()).isEqualTo("carol@elsewhere.test");
    assertThat(e.to()).isEqualTo("bob@example.test");
  }

  @Test
  @Order(2)
  void forgedBounceToASigningDomainIsRejectedAtRcpt() throws Exception {
    Path dsn = message("forged1.eml", dsnAbout("alice@example.test", "spam-123@botnet.test"));
    PostfixInstance.Result r = swaks("<>", "alice@example.test", INTERNET, dsn);
    assertThat(r.exit()).as(r.output()).isNotZero();
    assertThat(r.output())
        .contains(
            "<** 550 5.7.1 <alice@example.test>: Recipient address rejected: Backscatter rejected");
    assertThat(r.output()).doesNotContain("DATA");
  }

  @Test
  @Order(3)
  void forgedBounceWithUnknownMessageIdIsRejectedAtEndOfData() throws Exception {
    Path dsn = message("forged2.eml", dsnAbout("bob@other.test", "spam-456@botnet.test"));
    PostfixInstance.Result r = swaks("<>", "bob@other.test", INTERNET, dsn);
    assertThat(r.exit()).as(r.output()).isNotZero();
    assertThat(r.output()).containsPattern("<\\*\\* +550 5.7.1 Backscatter rejected: .*never sent");
  }

  @Test
  @Order(4)
  void bounceOfMailWeSentIsAcceptedAndTheSenderWasSigned() throws Exception {
    Path out =
        message(
            "out.eml",
            """
        From: alice@example.test
        To: dave@remote.test
        Subject: lunch
        Message-ID: <lunch-1@example.test>

        Shall we?
        """);
    PostfixInstance.Result sent = swaks("alice@example.test", "dave@remote.test", "127.0.0.1", out);
    assertThat(sent.exit()).as(sent.output()).isZero();
    Envelope outbound = nextDelivery();
    assertThat(outbound.to()).isEqualTo("dave@remote.test");
    assertThat(outbound.from()).startsWith("prvs=0").endsWith("=alice@example.test");
    assertThat(batv.check(outbound.from()).valid()).isTrue();

    // The remote side bounces it to the signed address: Backstop lets it through, and Postfix's
    // canonical map delivers it to alice herself.
    Path dsn = message("bounce.eml", dsnAbout(outbound.from(), "lunch-1@example.test"));
    PostfixInstance.Result r = swaks("<>", outbound.from(), INTERNET, dsn);
    assertThat(r.exit()).as(r.output()).isZero();
    Envelope bounce = nextDelivery();
    assertThat(bounce.from()).isEmpty();
    assertThat(bounce.to()).isEqualTo("alice@example.test");
    assertThat(bounce.data()).contains("X-Backstop-Verdict: legitimate");
  }

  @Test
  @Order(5)
  void bounceOfMailWeSentFromAnUnsignedDomainIsFoundInTheLedger() throws Exception {
    Path out =
        message(
            "out2.eml",
            """
        From: erin@other.test
        To: frank@remote.test
        Subject: report
        Message-ID: <report-7@other.test>

        Attached.
        """);
    PostfixInstance.Result sent = swaks("erin@other.test", "frank@remote.test", "127.0.0.1", out);
    assertThat(sent.exit()).as(sent.output()).isZero();
    assertThat(nextDelivery().from()).isEqualTo("erin@other.test");

    Path dsn = message("bounce2.eml", dsnAbout("erin@other.test", "report-7@other.test"));
    PostfixInstance.Result r = swaks("<>", "erin@other.test", INTERNET, dsn);
    assertThat(r.exit()).as(r.output()).isZero();
    Envelope bounce = nextDelivery();
    assertThat(bounce.to()).isEqualTo("erin@other.test");
    assertThat(bounce.data()).contains("X-Backstop-Evidence: ").contains("sent-ledger=found");
  }

  @Test
  @Order(99)
  void withBackstopStoppedPostfixStillAcceptsMail() throws Exception {
    shield.close();
    PostfixInstance.Result r = swaks("carol@elsewhere.test", "bob@example.test", INTERNET, null);
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(nextDelivery().to()).isEqualTo("bob@example.test");
    // Fail open means fail open: even a forged bounce gets through while the shield is down.
    Path dsn = message("forged3.eml", dsnAbout("alice@example.test", "spam-789@botnet.test"));
    PostfixInstance.Result b = swaks("<>", "alice@example.test", INTERNET, dsn);
    assertThat(b.exit()).as(b.output()).isZero();
    assertThat(nextDelivery().to()).isEqualTo("alice@example.test");
    shield = null;
  }
}
