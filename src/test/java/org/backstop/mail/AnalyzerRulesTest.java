package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One synthetic message per accuracy rule: each test fails when its rule is taken out. */
class AnalyzerRulesTest {
  private final BounceAnalyzer analyzer = new BounceAnalyzer();

  private Analysis analyze(String message) {
    return analyzer.analyze(message.getBytes(StandardCharsets.UTF_8));
  }

  private Recipient only(Analysis a) {
    assertThat(a.recipients()).hasSize(1);
    return a.recipients().get(0);
  }

  private static final String TEXT_HEAD =
      "From: MAILER-DAEMON@mx.example\nTo: alice@sender.example\n"
          + "Subject: Mail delivery failed: returning message to sender\n\n";

  private static String dsn(String perRecipient, String text) {
    return "From: MAILER-DAEMON@mx.example\nTo: alice@sender.example\nSubject: Delivery report\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\n"
        + "Content-Type: text/plain\n\n"
        + text
        + "\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
        + perRecipient
        + "\n--b--\n";
  }

  // --- challenge and virus kinds ---

  @Test
  void tmdaConfirmationRequestIsAChallenge() {
    Analysis a = analyzer.analyze(Fixtures.load("challenge-tmda.eml"));
    assertThat(a.kind()).isEqualTo(MessageKind.CHALLENGE);
    assertThat(a.evidence()).contains("challenge:tmda");
    assertThat(a.original().sender()).isEqualTo("alice@sender.example");
  }

  @Test
  void confirmYouAreAHumanFromAnAutomatedVerifyAddressIsAChallenge() {
    Analysis a = analyzer.analyze(Fixtures.load("challenge-human.eml"));
    assertThat(a.kind()).isEqualTo(MessageKind.CHALLENGE);
    assertThat(a.kind().isBackscatter()).isTrue();
    assertThat(a.original().sender()).isEqualTo("dave@sender.example");
  }

  @Test
  void aNewsletterAskingToConfirmTheSubscriptionIsNone() {
    assertThat(analyzer.analyze(Fixtures.load("confirm-newsletter.eml")).kind())
        .isEqualTo(MessageKind.NONE);
  }

  @Test
  void amavisVirusNoticeIsAVirusNoticeWithReasonVirusDetected() {
    Analysis a = analyzer.analyze(Fixtures.load("virus-amavis.eml"));
    assertThat(a.kind()).isEqualTo(MessageKind.VIRUS);
    assertThat(a.evidence()).contains("virus:notice");
    assertThat(a.recipients()).extracting(Recipient::address).contains("frank@receiver.example");
    assertThat(a.recipients()).extracting(Recipient::reason).containsOnly("virusdetected");
  }

  @Test
  void antivirusAdvertisingIsNone() {
    assertThat(analyzer.analyze(Fixtures.load("virus-alert-spam.eml")).kind())
        .isEqualTo(MessageKind.NONE);
  }

  @Test
  void amavisAlertHeaderAloneDecides() {
    String m =
        "From: postmaster@scan.example\nTo: a@sender.example\nSubject: Notice\n"
            + "X-Amavis-Alert: INFECTED, message contains virus: Eicar-Signature\n\n"
            + "A message to b@receiver.example was not delivered.\n";
    assertThat(analyze(m).kind()).isEqualTo(MessageKind.VIRUS);
  }

  // --- status codes ---

  @Test
  void theServersStatusCodeBeatsTheReportersSummaryCode() {
    assertThat(
            StatusCodes.findServers(
                "5.1.0 - Unknown address error 550-'5.7.1 <x@y.example>... Access denied'"))
        .isEqualTo("5.7.1");
    assertThat(StatusCodes.findServers("554 4.4.7 Message expired <421 4.4.2 timed out>"))
        .isEqualTo("4.4.7");
    assertThat(StatusCodes.findServers("Status 5.1.1 (user unknown)")).isEqualTo("5.1.1");
    assertThat(StatusCodes.findServers("no code here")).isNull();
  }

  @Test
  void aReplyCodeMayBeFollowedByAComma() {
    assertThat(StatusCodes.findReply("Error, ERROR_CODE :421, Host not reachable."))
        .isEqualTo("421");
  }

  @Test
  void eximsRetryTimeoutMeansTheFailureWasTemporary() {
    assertThat(StatusCodes.saysTemporary("mailbox is full: retry timeout exceeded")).isTrue();
    assertThat(StatusCodes.saysTemporary("delivery retry timeout exceeded")).isFalse();
    assertThat(StatusCodes.saysTemporary("User unknown")).isFalse();
    String m =
        TEXT_HEAD
            + "A message that you sent could not be delivered to one or more of its\n"
            + "recipients. The following address(es) failed:\n\n"
            + "  bob@receiver.example\n    mailbox is full: retry timeout exceeded\n";
    Recipient r = only(analyze(m));
    assertThat(r.reason()).isEqualTo("mailboxfull");
    assertThat(r.status()).isEqualTo("4.0.922");
    assertThat(analyze(m).evidence()).contains("status:inferred-from-reason");
  }

  @Test
  void sendmailsReasonLineAloneGivesTheStatusCode() {
    String keep =
        dsn(
            "Final-Recipient: RFC822; b@z.example\nAction: failed\nStatus: 5.1.6\n"
                + "Diagnostic-Code: SMTP; 551 not our user\n",
            "   ----- The following addresses had permanent fatal errors -----\n<b@z.example>\n"
                + "    (reason: 551 not our user)\n\n   ----- Transcript of session follows -----\n"
                + "... while talking to mx.z.example.:\n>>> DATA\n<<< 551 not our user\n"
                + "550 5.1.1 <b@z.example>... User unknown\n");
    assertThat(only(analyze(keep)).status()).isEqualTo("5.1.6");
    assertThat(only(analyze(keep)).reason()).isEqualTo("hasmoved");
  }

  // --- RFC 3464 ---

  @Test
  void fieldsBeforeFinalRecipientBelongToItsGroup() {
    String m =
        dsn(
            "Diagnostic-Code: SMTP; 550 5.1.1 Recipient address does not exist\nStatus: 5.1.1\n"
                + "Final-Recipient: rfc822; b@z.example\nAction: failed\n",
            "This message could not be delivered.\n");
    Recipient r = only(analyze(m));
    assertThat(r.status()).isEqualTo("5.1.1");
    assertThat(r.reason()).isEqualTo("userunknown");
    assertThat(r.diagnostic()).contains("does not exist");
  }

  @Test
  void aCodedDiagnosticIsNotReplacedByLongerFreeText() {
    String m =
        dsn(
            "Final-Recipient: rfc822; b@z.example\nAction: failed\nStatus: 5.1.10\n"
                + "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not"
                + " found by SMTP address lookup\n",
            "Your message to b@z.example couldn't be delivered. The recipient's mailbox could"
                + " not be reached, please check the address and send your message once more.\n");
    Recipient r = only(analyze(m));
    assertThat(r.diagnostic()).contains("RESOLVER.ADR.RecipientNotFound");
    assertThat(r.reason()).isEqualTo("userunknown");
  }

  @Test
  void aGroupNamingAFileBelongsToTheOneRecipientOfTheText() {
    String m =
        "From: Mail Delivery System <Mailer-Daemon@mx.example>\nTo: a@y.example\n"
            + "Subject: Mail delivery failed: returning message to sender\n"
            + "X-Failed-Recipients: b@z.example\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\n"
            + "Content-Type: text/plain\n\nThe following address(es) failed:\n\n"
            + "  save to /var/mail/b\n    generated by b@z.example\n    mailbox is full\n"
            + "\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
            + "Action: failed\nFinal-Recipient: rfc822;/var/mail/b\nStatus: 5.0.0\n\n--b--\n";
    Analysis a = analyze(m);
    assertThat(only(a).status()).isEqualTo("5.0.0");
    assertThat(a.evidence()).contains("rfc3464:unnamed-recipient");
  }

  // --- reading MTA text ---

  @Test
  void theCommandComesFromTheTranscriptLineAboveTheReply() {
    String m =
        TEXT_HEAD
            + "   ----- Transcript of session follows -----\nWhile talking to mx.z.example:\n"
            + ">>> RCPT To:<b@z.example>\n<<< 550 <b@z.example>, User Unknown\n"
            + "550 <b@z.example>... User unknown\n";
    Recipient r = only(analyze(m));
    assertThat(r.command()).isEqualTo("RCPT");
    assertThat(r.reason()).isEqualTo("userunknown");
    assertThat(SmtpDetails.command("smtp:rcpt host 192.0.2.8: 553 no such user")).isEqualTo("RCPT");
  }

  @Test
  void eachSendmailRecipientGetsItsOwnHostsReply() {
    String m =
        TEXT_HEAD
            + "   ----- Transcript of session follows -----\nWhile talking to mx.y.example:\n"
            + ">>> MAIL From:<alice@sender.example>\n"
            + "<<< 501 <alice@sender.example>... no access from mail server [192.0.2.55]\n"
            + "554 <b@y.example>... Remote protocol error\n"
            + "550 z.example (smtp)... 550 Host unknown\n"
            + "554 <c@z.example>... 550 Host unknown (Authoritative answer from name server)\n"
            + "While talking to mx.w.example:\n>>> RCPT To:<d@w.example>\n"
            + "<<< 550 <d@w.example>... User unknown\n550 <d@w.example>... User unknown\n";
    Analysis a = analyze(m);
    assertThat(a.recipients())
        .extracting(Recipient::address, Recipient::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b@y.example", "blocked"),
            org.assertj.core.groups.Tuple.tuple("c@z.example", "hostunknown"),
            org.assertj.core.groups.Tuple.tuple("d@w.example", "userunknown"));
    assertThat(a.recipients().get(0).diagnostic()).startsWith("501 ");
  }

  @Test
  void anEnvelopeEchoTakesTheReplyAboveIt() {
    String m =
        "From: postmaster@mx.example\nTo: a@sender.example\nSubject: Delivery error\n\n"
            + "Error: Invalid user address\n\nError message below:\n"
            + "550 - Requested action not taken: no such user here\n\nMessage details:\n"
            + "  MAIL FROM: a@sender.example\n  RCPT TO: b@z.example\n  Size (in bytes): 39\n";
    assertThat(only(analyze(m)).diagnostic()).startsWith("550 - Requested action not taken");
  }

  @Test
  void postfixsSessionTranscriptGivesTheFirstErrorReply() {
    String m =
        "From: MAILER-DAEMON@mx.example\nTo: postmaster@mx.example\n"
            + "Subject: Postfix SMTP server: errors from client.example\n\n"
            + "Transcript of session follows.\n\n Out: 220 mx.example ESMTP\n"
            + " In:  MAIL FROM:<a@sender.example>\n Out: 250 2.1.0 Ok\n"
            + " In:  RCPT TO:<b@z.example>\n Out: 250 2.1.5 Ok\n In:  DATA\n"
            + " Out: 354 End data with <CR><LF>.<CR><LF>\n"
            + " Out: 451 4.3.0 Error: queue file write error\n In:  QUIT\n Out: 221 2.0.0 Bye\n";
    Recipient r = only(analyze(m));
    assertThat(r.status()).isEqualTo("4.3.0");
    assertThat(r.reason()).isEqualTo("systemerror");
  }

  @Test
  void mFiltersServerMessageSectionIsTheDiagnostic() {
    String m =
        "From: m-FILTER <postmaster@mx.example>\nTo: a@sender.example\n"
            + "Subject: Undeliverable mail\n\n"
            + "The message could not be sent to the following address.\nb@z.example\n\n\n"
            + "-------server message\n"
            + "550 5.4.1 All recipient addresses rejected : Access denied\n\n"
            + "-------SMTP command\nDATA\n";
    Recipient r = only(analyze(m));
    assertThat(r.status()).isEqualTo("5.4.1");
    assertThat(r.reason()).isEqualTo("rejected");
  }

  @Test
  void gmailsStateNumberNamesTheFailedStep() {
    assertThat(GmailText.state("... 550 550 <b@z.example>: User unknown (state 14)."))
        .containsExactly("RCPT", "userunknown");
    assertThat(GmailText.state("500 Remote server does not support TLS (state 6)."))
        .containsExactly("MAIL", "systemerror");
    assertThat(GmailText.state("no state here")).isNull();
    assertThat(GmailText.state("(state 99).")).isNull();
  }

  @Test
  void aSoleFailedRecipientHeaderGetsTheReportsWords() {
    String m =
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: a@sender.example\n"
            + "Subject: Delivery Status Notification (Failure)\nX-Failed-Recipients: b@z.example\n"
            + "Auto-Submitted: auto-replied\n\n** Message not delivered **\n\n"
            + "You're sending this from a different address using the 'Send mail as' feature.\n";
    assertThat(only(analyze(m)).diagnostic()).contains("Send mail as");
  }

  @Test
  void aReportNamingNoRecipientGivesNoReason() {
    String m =
        "From: MAILER-DAEMON@mx.example\nTo: a@sender.example\nSubject: Undelivered Mail\n\n"
            + "I'm sorry to have to inform you that your message could not\n"
            + "be delivered to one or more recipients.\n\n"
            + "--- original message ---\nFrom: a@sender.example\nTo: b@z.example\nSubject: hi\n";
    Analysis a = analyze(m);
    assertThat(a.evidence()).contains("recipient:original-to");
    assertThat(only(a).reason()).isEqualTo("undefined");
  }

  @Test
  void anAutoReplySubjectOutweighsGenericAutomatedMailSigns() {
    String m =
        "Return-Path: <>\nFrom: <noreply@y.example>\nTo: <a@sender.example>\n"
            + "Subject: AutoResponse: hello\nAuto-Submitted: auto-replied\nPrecedence: bulk\n\n"
            + "This email inbox b@y.example is no longer in use. Please contact someone else.\n";
    assertThat(analyze(m).kind()).isEqualTo(MessageKind.AUTOREPLY);
  }

  @Test
  void aQuotedLocalPartThatNeedsItsQuotesKeepsThem() {
    assertThat(Addresses.first("550 5.1.1 <\"neko..nyaan.\"@z.example>... User Unknown"))
        .isEqualTo("\"neko..nyaan.\"@z.example");
    assertThat(Addresses.first("To: \"bob\"@z.example")).isEqualTo("bob@z.example");
    assertThat(Addresses.first("\"Bob Smith\" <bob@z.example>")).isEqualTo("bob@z.example");
  }

  @Test
  void aStructuredExactStatusBeatsAGoogleGroupsGuess() {
    String m =
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: a@sender.example\n"
            + "Subject: Delivery Status Notification (Failure)\n"
            + "X-Failed-Recipients: list@googlegroups.com\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\n"
            + "Content-Type: text/plain\n\n** Address not found **\n\n"
            + "Your message wasn't delivered to list@googlegroups.com because the address"
            + " couldn't be found.\n"
            + "\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; googlemail.com\n\n"
            + "Final-Recipient: rfc822; list@googlegroups.com\nAction: failed\nStatus: 5.1.1\n"
            + "Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does"
            + " not exist.\n\n--b--\n";
    assertThat(only(analyze(m)).reason()).isEqualTo("userunknown");
  }

  private static String relayed(String attached) {
    return "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example>\n"
        + "To: postmaster@relay.example\nSubject: Returned mail: see transcript\n"
        + "Content-Type: multipart/mixed; boundary=\"o\"\n\n--o\nContent-Type: text/plain\n\n"
        + "The original message was received at Thu, 1 Jan 2026 00:00:00 +0000\n\n"
        + "----- The following addresses had permanent delivery errors -----\n\n"
        + "--o\nContent-Type: message/rfc822\n\n"
        + attached
        + "\n--o--\n";
  }

  @Test
  void aDeliveryReportReturnedWholeNamesTheRecipientsOfTheAttachedReport() {
    String inner =
        "From: MAILER-DAEMON@mx.example\nTo: alice@sender.example\n"
            + "Subject: Returned mail: User unknown\nMessage-Id: <r1@mx.example>\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"i\"\n\n"
            + "--i\nContent-Type: text/plain\n\nbob@z.example\n\n"
            + "--i\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
            + "Final-Recipient: rfc822; bob@z.example\nAction: failed\nStatus: 5.1.1\n"
            + "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
            + "--i\nContent-Type: message/rfc822\n\nFrom: alice@sender.example\n"
            + "To: bob@z.example\nSubject: hello\nMessage-Id: <m1@sender.example>\n\nhi\n"
            + "--i--\n";
    Analysis a = analyze(relayed(inner));
    Recipient r = only(a);
    assertThat(r.address()).isEqualTo("bob@z.example");
    assertThat(r.status()).isEqualTo("5.1.1");
    assertThat(a.original().from()).isEqualTo("alice@sender.example");
    assertThat(a.evidence()).contains("recipient:forwarded-report");
  }

  @Test
  void anAttachedOrdinaryMessageIsNotReadAsAReport() {
    String inner =
        "From: alice@sender.example\nTo: bob@z.example\nSubject: hello\n"
            + "Message-Id: <m1@sender.example>\n\nFinal-Recipient: rfc822; carol@z.example\n";
    Analysis a = analyze(relayed(inner));
    assertThat(only(a).address()).isEqualTo("bob@z.example");
    assertThat(a.evidence()).doesNotContain("recipient:forwarded-report");
  }

  @Test
  void aToCcDateSubjectSummaryIsNotTheQuotedOriginal() {
    String m =
        "From: postmaster@mx.example\nTo: alice@sender.example\nSubject: Undeliverable Mail\n\n"
            + "To: alice@sender.example\nCC: \nDate: Thursday, Jan 1, 2026 1:00:00 PM\n"
            + "Subject: Undeliverable Mail\n\nundeliverable to bob@z.example\n\n"
            + "Body of message generated response:\n550 5.1.1 User unknown\n";
    assertThat(only(analyze(m)).address()).isEqualTo("bob@z.example");
  }

  private static String undeliverable(String reply) {
    return TEXT_HEAD
        + "undeliverable to bob@z.example\n\nBody of message generated response:\n"
        + reply
        + "\n";
  }

  @Test
  void aLabelledReplyBelowABlankLineIsTheDiagnostic() {
    Recipient r = only(analyze(undeliverable("550 5.1.1 User unknown")));
    assertThat(r.diagnostic()).contains("550 5.1.1 User unknown");
    assertThat(r.status()).isEqualTo("5.1.1");
  }

  @Test
  void aLabelWithoutAReplyBelowIsNotTheDiagnostic() {
    String m = TEXT_HEAD + "undeliverable to bob@z.example\n\nSee also:\nthe manual\n";
    assertThat(only(analyze(m)).diagnostic()).doesNotContain("manual");
  }

  @Test
  void aUriBlocklistRefusesTheContentNotTheHost() {
    assertThat(
            only(analyze(undeliverable("550 REJECTED - Blacklisted URL in message. (x.example)")))
                .reason())
        .isEqualTo("spamdetected");
    assertThat(
            only(analyze(undeliverable("554 Message rejected: listed at multi.uribl.com")))
                .reason())
        .isEqualTo("spamdetected");
  }

  @Test
  void aHostLocalFinalRecipientIsTheRecipient() {
    String m =
        dsn(
            "Final-Recipient: rfc822; bob@mailhub\nOriginal-Recipient: rfc822;alias@z.example\n"
                + "Action: failed\nStatus: 5.2.0\nDiagnostic-Code: x-unix; procmail: Lock failure\n",
            "<bob@mailhub> (expanded from <alias@z.example>): can't create user output file\n");
    assertThat(only(analyze(m)).address()).isEqualTo("bob@mailhub");
  }

  @Test
  void onlyAWholeFieldMayNameAHostLocalAddress() {
    assertThat(Addresses.field("<Bob@Mailhub>")).isEqualTo("bob@mailhub");
    assertThat(Addresses.field("bob@z.example")).isEqualTo("bob@z.example");
    assertThat(Addresses.field("bob@mail hub")).isNull();
    assertThat(Addresses.field("bob@")).isNull();
    assertThat(Addresses.field("@mailhub")).isNull();
    assertThat(Addresses.field("a@b@mailhub")).isNull();
    assertThat(Addresses.field("bob@mail_hub")).isNull();
    assertThat(Addresses.field(null)).isNull();
    assertThat(Addresses.first("write to bob@mailhub now")).isNull();
  }
}
