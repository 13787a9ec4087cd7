package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BounceAnalyzerTest {
  private final BounceAnalyzer analyzer = new BounceAnalyzer();

  private Analysis analyze(String fixture) {
    return analyzer.analyze(Fixtures.load(fixture));
  }

  @Test
  void postfixDsnGivesEachRecipientItsOwnStatusAndReason() {
    Analysis a = analyze("postfix-dsn.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.DSN);
    assertThat(a.reportingMta()).isEqualTo("mx1.sender.example");
    assertThat(a.recipients())
        .extracting(Recipient::address)
        .containsExactly("bob@receiver.example", "carol@receiver.example");
    Recipient bob = a.recipients().get(0);
    assertThat(bob.status()).isEqualTo("5.1.1");
    assertThat(bob.reason()).isEqualTo("userunknown");
    assertThat(bob.replyCode()).isEqualTo("550");
    assertThat(bob.command()).isEqualTo("RCPT");
    assertThat(bob.remoteMta()).isEqualTo("mx.receiver.example");
    assertThat(a.recipients().get(1).reason()).isEqualTo("mailboxfull");
    assertThat(a.evidence()).contains("rfc3464:message/delivery-status");
  }

  @Test
  void postfixDsnRevealsTheOriginalMessageAndItsReceivedChain() {
    OriginalMessage o = analyze("postfix-dsn.eml").original();
    assertThat(o.messageId()).isEqualTo("lunch-42@sender.example");
    assertThat(o.from()).isEqualTo("alice@sender.example");
    assertThat(o.sender()).isEqualTo("alice@sender.example");
    assertThat(o.subject()).isEqualTo("Lunch on Friday?");
    assertThat(o.received()).hasSize(1);
    Hop hop = o.received().get(0);
    assertThat(hop.fromHost()).isEqualTo("laptop.sender.example");
    assertThat(hop.ip()).isEqualTo("203.0.113.45");
    assertThat(hop.byHost()).isEqualTo("mx1.sender.example");
  }

  @Test
  void eximTextBounceIsReadWithoutAStructuredPart() {
    Analysis a = analyze("exim-text.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.BOUNCE);
    assertThat(a.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.address()).isEqualTo("erin@far.example");
              assertThat(r.status()).isEqualTo("5.1.1");
              assertThat(r.reason()).isEqualTo("userunknown");
            });
    assertThat(a.original().messageId()).isEqualTo("inv-1001@sender.example");
    assertThat(a.original().sender()).isEqualTo("dave@sender.example");
    assertThat(a.evidence()).contains("x-failed-recipients");
  }

  @Test
  void qmailBounceNamesTheFullMailbox() {
    Analysis a = analyze("qmail.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.BOUNCE);
    assertThat(a.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.address()).isEqualTo("grace@remote.example");
              assertThat(r.reason()).isEqualTo("mailboxfull");
              assertThat(r.status()).isEqualTo("5.2.2");
            });
    assertThat(a.original().from()).isEqualTo("frank@sender.example");
  }

  @Test
  void gmailTextBounceTakesTheTechnicalDetailsAsDiagnostic() {
    Analysis a = analyze("gmail-text.eml");
    assertThat(a.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.address()).isEqualTo("ivan@nowhere.example");
              assertThat(r.status()).isEqualTo("5.1.1");
              assertThat(r.diagnostic()).contains("User Unknown");
            });
    assertThat(a.evidence()).contains("mta:gmail");
  }

  @Test
  void exchangeNdrCombinesBothMentionsOfTheRecipient() {
    Analysis a = analyze("exchange-ndr.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.BOUNCE);
    assertThat(a.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.address()).isEqualTo("mallory@partner.example");
              assertThat(r.status()).isEqualTo("5.1.1");
            });
    assertThat(a.original().messageId()).isEqualTo("q-report@corp.example");
  }

  @Test
  void delayedReportIsADelayNotAFailure() {
    Analysis a = analyze("delayed-dsn.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.DELAYED);
    assertThat(a.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo("delayed");
              assertThat(r.status()).isEqualTo("4.4.1");
            });
    assertThat(a.original().messageId()).isEqualTo("agenda@sender.example");
  }

  @Test
  void autoSubmittedAutoRepliedIsAnAutoReply() {
    Analysis a = analyze("autoreply.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.AUTOREPLY);
    assertThat(a.kind().isBackscatter()).isTrue();
    assertThat(a.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.address()).isEqualTo("nina@company.example");
              assertThat(r.reason()).isEqualTo("vacation");
            });
    assertThat(a.original().sender()).isEqualTo("oscar@elsewhere.example");
    assertThat(a.original().messageId()).isEqualTo("contract-9@elsewhere.example");
    assertThat(a.evidence()).contains("rfc3834:auto-submitted");
  }

  @Test
  void automaticReplySubjectIsAnAutoReply() {
    assertThat(analyze("vacation-subject.eml").kind()).isEqualTo(MessageKind.AUTOREPLY);
  }

  @Test
  void feedbackReportIsNotBackscatter() {
    Analysis a = analyze("arf.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.FEEDBACK);
    assertThat(a.kind().isBackscatter()).isFalse();
    assertThat(a.recipients())
        .extracting(Recipient::address)
        .containsExactly("rupert@reader.example");
    assertThat(a.recipients().get(0).reason()).isEqualTo("feedback");
    assertThat(a.original().sender()).isEqualTo("news@sender.example");
  }

  @Test
  void dispositionNotificationIsAReceipt() {
    Analysis a = analyze("mdn.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.RECEIPT);
    assertThat(a.recipients())
        .extracting(Recipient::address)
        .containsExactly("sybil@reader.example");
  }

  @Test
  void amazonSesJsonNotificationIsABounce() {
    Analysis a = analyze("amazonses.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.BOUNCE);
    assertThat(a.recipients())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.address()).isEqualTo("victor@bounce.example");
              assertThat(r.status()).isEqualTo("5.1.1");
            });
    assertThat(a.original().sender()).isEqualTo("ursula@sender.example");
  }

  @Test
  void ordinaryMailIsNone() {
    Analysis a = analyze("ordinary.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.NONE);
    assertThat(a.recipients()).isEmpty();
  }

  @Test
  void spamThatTalksAboutDeliveryIsNone() {
    assertThat(analyze("spam-bounce-words.eml").kind()).isEqualTo(MessageKind.NONE);
  }

  @Test
  void iso2022jpBounceIsRead() {
    Analysis a = analyze("iso2022jp.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.BOUNCE);
    assertThat(a.recipients()).extracting(Recipient::address).containsExactly("aki@example.jp");
    assertThat(a.recipients().get(0).reason()).isEqualTo("userunknown");
  }

  @Test
  void shiftJisBounceWithEightBitSubjectIsRead() {
    Analysis a = analyze("shiftjis.eml");
    assertThat(a.kind()).isEqualTo(MessageKind.BOUNCE);
    assertThat(a.recipients()).extracting(Recipient::address).containsExactly("yuki@example.jp");
    assertThat(a.recipients().get(0).reason()).isEqualTo("mailboxfull");
  }

  @Test
  void lineEndingsDoNotChangeTheVerdict() {
    for (String f : Fixtures.ALL) {
      String lf = new String(Fixtures.load(f), StandardCharsets.ISO_8859_1);
      Analysis a = analyzer.analyze(lf.getBytes(StandardCharsets.ISO_8859_1));
      Analysis crlf =
          analyzer.analyze(lf.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      Analysis cr = analyzer.analyze(lf.replace("\n", "\r").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(crlf).as(f + " CRLF").isEqualTo(a);
      assertThat(cr).as(f + " CR").isEqualTo(a);
    }
  }

  @Test
  void mboxFromLineIsIgnored() {
    byte[] plain = Fixtures.load("exim-text.eml");
    byte[] mbox =
        ("From MAILER-DAEMON Tue Mar  4 08:00:00 2025\n"
                + new String(plain, StandardCharsets.ISO_8859_1))
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(analyzer.analyze(mbox)).isEqualTo(analyzer.analyze(plain));
  }

  @Test
  void emptyAndNullInputAreNone() {
    assertThat(analyzer.analyze(new byte[0]).kind()).isEqualTo(MessageKind.NONE);
    assertThat(analyzer.analyze(null).kind()).isEqualTo(MessageKind.NONE);
  }

  @Test
  void garbageIsNoneWithoutException() {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    Analysis a = analyzer.analyze(junk);
    assertThat(a.kind()).isEqualTo(MessageKind.NONE);
    assertThat(a.evidence()).noneMatch(e -> e.startsWith("error:"));
  }

  @Test
  void inputBeyondTheSizeLimitIsCutAndSaysSo() {
    BounceAnalyzer small = new BounceAnalyzer(1024, Duration.ofSeconds(2));
    byte[] big = Fixtures.load("postfix-dsn.eml");
    Analysis a = small.analyze(big);
    assertThat(big.length).isGreaterThan(1024);
    assertThat(a.evidence()).contains("limit:size");
  }

  @Test
  void brokenMimeStillGivesAVerdict() {
    String m =
        "From: MAILER-DAEMON@x.example\nTo: a@y.example\nSubject: Undelivered Mail\n"
            + "Content-Type: multipart/report; boundary=\"never-closed\"\n\n--never-closed\n"
            + "Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; b@z.example\n"
            + "Action: failed\nStatus: 5.1.1\n";
    Analysis a = analyzer.analyze(m.getBytes(StandardCharsets.US_ASCII));
    assertThat(a.kind()).isEqualTo(MessageKind.DSN);
    assertThat(a.recipients()).extracting(Recipient::address).containsExactly("b@z.example");
  }

  @Test
  void deeplyNestedMultipartIsBounded() {
    StringBuilder sb = new StringBuilder("From: a@b.example\nSubject: nest\n");
    for (int i = 0; i < 5000; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=b")
          .append(i)
          .append("\n\n--b")
          .append(i)
          .append('\n');
    }
    Analysis a = analyzer.analyze(sb.toString().getBytes(StandardCharsets.US_ASCII));
    assertThat(a.evidence()).noneMatch(e -> e.startsWith("error:"));
  }

  @Test
  void rejectsNonPositiveLimits() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new BounceAnalyzer(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reasonComesFromTheReportWhenTheRecipientLineSaysNone() {
    String m =
        "From: MAILER-DAEMON@mx.example\nTo: alice@sender.example\n"
            + "Subject: Undeliverable Mail\n\n"
            + "Your message could not be delivered because of\n\n550 5.1.1 User unknown\n\n"
            + "The following recipients were affected:\n    bob@receiver.example\n";
    Analysis a = analyzer.analyze(m.getBytes(StandardCharsets.US_ASCII));
    assertThat(a.recipients())
        .extracting(Recipient::address)
        .containsExactly("bob@receiver.example");
    assertThat(a.recipients().get(0).reason()).isEqualTo("userunknown");
    assertThat(a.recipients().get(0).status()).isEqualTo("5.1.1");
  }

  @Test
  void aContinuedReplyIsReadWholeFromTheTranscript() {
    String m =
        "From: MAILER-DAEMON@mx.example\nTo: alice@sender.example\n"
            + "Subject: Returned mail: see transcript for details\n\n"
            + "   ----- The following addresses had permanent fatal errors -----\n"
            + "<bob@receiver.example>\n"
            + "    (reason: 552-5.7.0 This message was blocked because its content presents a)\n\n"
            + "   ----- Transcript of session follows -----\n"
            + "... while talking to mx.receiver.example.:\n>>> DATA\n"
            + "<<< 552-5.7.0 This message was blocked because its content presents a\n"
            + "<<< 552-5.7.0 potential security issue.\n"
            + "<<< 552 5.7.0 gsmtp\n"
            + "554 5.0.0 Service unavailable\n";
    Analysis a = analyzer.analyze(m.getBytes(StandardCharsets.US_ASCII));
    assertThat(a.recipients())
        .extracting(Recipient::address)
        .containsExactly("bob@receiver.example");
    assertThat(a.recipients().get(0).reason()).isEqualTo("policyviolation");
    assertThat(a.recipients().get(0).diagnostic()).contains("potential security issue");
  }

  @Test
  void powerMtaBounceCategoryNamesTheReason() {
    String m =
        "From: MAILER-DAEMON@x.example\nTo: a@y.example\nSubject: Delivery report\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\n"
            + "Content-Type: message/delivery-status\n\nReporting-MTA: dns; x.example\n\n"
            + "Final-Recipient: rfc822; b@z.example\nAction: failed\nStatus: 5.2.1\n"
            + "Diagnostic-Code: smtp;550 5.2.1 <b@z.example>... User Unknown\n"
            + "X-PowerMTA-BounceCategory: bad-mailbox\n\n"
            + "Final-Recipient: rfc822; c@z.example\nAction: failed\nStatus: 5.2.1\n"
            + "Diagnostic-Code: smtp;550 5.2.1 <c@z.example>... User Unknown\n"
            + "X-PowerMTA-BounceCategory: no-such-category\n\n--b--\n";
    Analysis a = analyzer.analyze(m.getBytes(StandardCharsets.US_ASCII));
    assertThat(a.recipients())
        .extracting(Recipient::reason)
        .containsExactly("userunknown", "filtered");
  }

  @Test
  void sendmailsReasonLineDecidesOverTheRestOfTheTranscript() {
    String m =
        "From: MAILER-DAEMON@mx.example\nTo: alice@sender.example\n"
            + "Subject: Returned mail: see transcript for details\n\n"
            + "   ----- The following addresses had permanent fatal errors -----\n"
            + "<bob@receiver.example>\n"
            + "    (reason: 550 5.7.1 IP address blacklisted by recipient)\n\n"
            + "   ----- Transcript of session follows -----\n"
            + "... while talking to mx.receiver.example.:\n>>> RCPT To:<bob@receiver.example>\n"
            + "<<< 550 5.7.1 IP address blacklisted by recipient\n"
            + "<bob@receiver.example>... User unknown\n>>> DATA\n<<< 503 Error: need RCPT command\n";
    Analysis a = analyzer.analyze(m.getBytes(StandardCharsets.US_ASCII));
    assertThat(a.recipients())
        .extracting(Recipient::address)
        .containsExactly("bob@receiver.example");
    assertThat(a.recipients().get(0).reason()).isEqualTo("blocked");
  }
}
