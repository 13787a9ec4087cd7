package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.backstop.mail.Batv;
import org.backstop.mail.BatvKeys;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.net.Cidr;
import org.backstop.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verdicts on clear RFC 3464 DSNs and RFC 3834 auto-replies. The fixtures are unambiguous so the
 * outcome is the same whether the analyzer recognises them or only the null envelope sender marks
 * them as bounces.
 */
class BackscatterJudgeTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private final Batv batv = new Batv(BatvKeys.of(List.of("s3cret")), clock);
  private SentLedger ledger;
  private BackscatterJudge judge;

  @BeforeEach
  void open() {
    ledger = SentLedger.open("jdbc:sqlite:" + dir.resolve("l.db"), null, null, clock);
    ShieldConfig c =
        new ShieldConfig(
            Set.of("example.test"),
            batv,
            List.of(Cidr.parse("10.0.0.0/8")),
            Set.of(),
            1,
            0,
            ShieldAction.REJECT,
            65536);
    judge = new BackscatterJudge(c, ledger, new BounceAnalyzer());
    ledger.record(
        new SentMessage(
            "sent-1@example.test",
            "alice@example.test",
            List.of("bob@remote.test"),
            clock.instant()));
  }

  @AfterEach
  void close() {
    ledger.close();
  }

  private static byte[] crlf(String s) {
    return s.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] dsn(String messageId) {
    return crlf(
        """
        From: Mail Delivery System <MAILER-DAEMON@mx.remote.test>
        To: alice@example.test
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <dsn-99@mx.remote.test>
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="XX"

        --XX
        Content-Type: text/plain

        I'm sorry to have to inform you that your message could not be delivered.

        --XX
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.remote.test
        Arrival-Date: Sat, 28 Nov 2026 09:00:00 +0000

        Final-Recipient: rfc822; bob@remote.test
        Original-Recipient: rfc822;bob@remote.test
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mail.remote.test
        Diagnostic-Code: smtp; 550 5.1.1 <bob@remote.test>: Recipient address rejected

        --XX
        Content-Type: message/rfc822

        From: alice@example.test
        To: bob@remote.test
        Subject: hello
        Date: Sat, 28 Nov 2026 08:59:00 +0000
        Message-ID: <%s>

        hello
        --XX--
        """
            .formatted(messageId));
  }

  static byte[] autoReply(String inReplyTo) {
    return crlf(
        """
        From: bob@remote.test
        To: alice@example.test
        Subject: Auto: hello
        Message-ID: <ooo-1@remote.test>
        In-Reply-To: <%s>
        Auto-Submitted: auto-replied
        Precedence: bulk

        I am out of the office until Monday.
        """
            .formatted(inReplyTo));
  }

  @Test
  void aDsnAboutMailWeNeverSentIsBackscatter() {
    Verdict v = judge.judge("", List.of("alice@example.test"), dsn("forged@botnet.test"));
    assertThat(v.kind()).isEqualTo(Verdict.Kind.BACKSCATTER);
    assertThat(v.reason()).contains("<forged@botnet.test>").contains("never sent");
    assertThat(v.evidence()).contains("batv=unsigned", "sent-ledger=not-found");
  }

  @Test
  void aDsnAboutMailWeSentIsLegitimate() {
    Verdict v = judge.judge("", List.of("alice@example.test"), dsn("SENT-1@example.test"));
    assertThat(v.kind()).isEqualTo(Verdict.Kind.LEGITIMATE);
    assertThat(v.evidence()).contains("sent-ledger=found");
  }

  @Test
  void theReportsOwnMessageIdIsNotMistakenForTheOriginal() {
    ledger.record(
        new SentMessage(
            "dsn-99@mx.remote.test", "x@example.test", List.of("y@z.test"), clock.instant()));
    assertThat(judge.judge("", List.of("alice@example.test"), dsn("forged@botnet.test")).kind())
        .isEqualTo(Verdict.Kind.BACKSCATTER);
  }

  @Test
  void anAutoReplyToOurMessageIsLegitimateAndAForgedOneIsNot() {
    assertThat(
            judge.judge("", List.of("alice@example.test"), autoReply("sent-1@example.test")).kind())
        .isEqualTo(Verdict.Kind.LEGITIMATE);
    assertThat(judge.judge("", List.of("alice@example.test"), autoReply("spam@botnet.test")).kind())
        .isEqualTo(Verdict.Kind.BACKSCATTER);
  }

  @Test
  void aValidBatvTagIsEnoughAndABadOneIsNoted() {
    assertThat(judge.judge("", List.of(batv.sign("alice@example.test")), dsn("x@y")).kind())
        .isEqualTo(Verdict.Kind.LEGITIMATE);
    Verdict bad = judge.judge("", List.of("prvs=0792000000=alice@example.test"), dsn("x@y"));
    assertThat(bad.kind()).isEqualTo(Verdict.Kind.BACKSCATTER);
    assertThat(bad.evidence()).contains("batv=bad-signature");
  }

  @Test
  void ordinaryMailIsNotJudged() {
    byte[] m = crlf("From: carol@x.test\nTo: alice@example.test\nSubject: hi\n\nHello Alice\n");
    assertThat(judge.judge("carol@x.test", List.of("alice@example.test"), m).kind())
        .isEqualTo(Verdict.Kind.NOT_BOUNCE);
  }

  @Test
  void garbageWithANullSenderIsStillJudgedWithoutAnError() {
    Verdict v = judge.judge("", List.of("alice@example.test"), new byte[] {0, (byte) 0xff, '\n'});
    assertThat(v.kind()).isEqualTo(Verdict.Kind.BACKSCATTER);
    assertThat(v.evidence()).contains("sent-ledger=no-message-id");
  }

  @Test
  void aDsnWhoseQuotedReceivedChainPassedOurRelayIsLegitimate() {
    ShieldConfig c =
        new ShieldConfig(
            Set.of("example.test"),
            batv,
            List.of(),
            Set.of("relay.example.test"),
            1,
            0,
            ShieldAction.REJECT,
            65536);
    BackscatterJudge withRelay = new BackscatterJudge(c, ledger, new BounceAnalyzer());
    byte[] quoted =
        new String(dsn("lost-from-the-ledger@example.test"), StandardCharsets.UTF_8)
            .replace(
                "From: alice@example.test\r\nTo: bob@remote.test",
                "Received: from relay.example.test (relay.example.test [192.0.2.25])\r\n"
                    + "\tby mail.remote.test with ESMTP id 1; Sat, 28 Nov 2026 08:59:01 +0000\r\n"
                    + "From: alice@example.test\r\nTo: bob@remote.test")
            .getBytes(StandardCharsets.UTF_8);
    Verdict v = withRelay.judge("", List.of("alice@example.test"), quoted);
    assertThat(v.kind()).as(v.evidence().toString()).isEqualTo(Verdict.Kind.LEGITIMATE);
    assertThat(v.evidence()).contains("received=our-relay");
    assertThat(judge.judge("", List.of("alice@example.test"), quoted).kind())
        .as("without the relay configured")
        .isEqualTo(Verdict.Kind.BACKSCATTER);
  }
}
