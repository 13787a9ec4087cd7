package org.backstop.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.backstop.mail.Analysis;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.mail.MessageKind;
import org.backstop.mail.OriginalMessage;
import org.backstop.mail.Recipient;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class MessageEvidenceTest {
  private final MessageEvidence evidence = new MessageEvidence(new BounceAnalyzer());

  @Test
  void summaryNamesTheKindTheReporterAndTheOriginal() {
    Analysis a =
        new Analysis(
            MessageKind.DSN,
            List.of(
                new Recipient(
                    "trap@trap.example", "failed", "5.1.1", "550", null, null, null, null)),
            new OriginalMessage(
                "x@y", "forged@trap.example", null, "Cheap\r\n pills", null, List.of()),
            "mx.example.net",
            List.of());
    assertThat(MessageEvidence.summary(a))
        .isEqualTo(
            "dsn, from mx.example.net, about trap@trap.example 5.1.1, original subject \"Cheap pills\","
                + " original from forged@trap.example");
    assertThat(MessageEvidence.summary(Analysis.none(List.of()))).isEqualTo("ordinary mail");
  }

  @Test
  void theExcerptIsTheHeaderSectionOnly() {
    byte[] m =
        "Subject: hi\r\nFrom: a@b\r\n\r\nsecret body\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(MessageEvidence.headerExcerpt(m)).isEqualTo("Subject: hi\r\nFrom: a@b\r\n");
    byte[] lf = "Subject: hi\n\nbody".getBytes(StandardCharsets.US_ASCII);
    assertThat(MessageEvidence.headerExcerpt(lf)).isEqualTo("Subject: hi\n");
  }

  @Test
  void theExcerptIsBoundedForHugeOrBinaryInput() {
    byte[] m = new byte[100_000];
    java.util.Arrays.fill(m, (byte) 'A');
    m[5] = 0;
    assertThat(MessageEvidence.headerExcerpt(m)).hasSize(Text.EXCERPT_LIMIT - 1);
    assertThat(MessageEvidence.headerExcerpt(new byte[0])).isEmpty();
  }

  @Test
  void aCalloutIsItsOwnEvidenceKind() {
    Evidence e =
        evidence.callout(
            "c1",
            Instant.EPOCH,
            IpAddress.parse("8.8.8.8"),
            "mx",
            "",
            List.of("trap@trap.example"));
    assertThat(e.kind()).isEqualTo(EvidenceKind.CALLOUT);
    assertThat(e.reporterId()).isEqualTo("trap");
    assertThat(e.summary()).contains("MAIL FROM:<>").contains("trap@trap.example");
    assertThat(e.messageKind()).isNull();
  }

  @Test
  void aReportCarriesItsReporterAndAddress() {
    Evidence e =
        evidence.report(
            "r1",
            "alice",
            Instant.EPOCH,
            IpAddress.parse("8.8.4.4"),
            "Subject: x\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII));
    assertThat(e.reporterId()).isEqualTo("alice");
    assertThat(e.ip()).isEqualTo(IpAddress.parse("8.8.4.4"));
    assertThat(e.excerpt()).isEqualTo("Subject: x\r\n");
  }

  private byte[] fixture(String name) throws java.io.IOException {
    try (var in = getClass().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aDeliveryStatusNotificationToATrapIsBounceEvidence() throws Exception {
    Evidence e =
        evidence.trapMessage(
            "t1",
            Instant.EPOCH,
            IpAddress.parse("8.8.4.4"),
            "mx.bouncer.example",
            "",
            List.of("victim@trap.backstop.local"),
            fixture("dsn.eml"));
    assertThat(e.kind()).isEqualTo(EvidenceKind.BOUNCE);
    assertThat(e.messageKind()).isEqualTo("dsn");
    assertThat(e.summary()).contains("mx.bouncer.example").contains("5.1.1");
    assertThat(e.excerpt()).startsWith("Return-Path: <>").doesNotContain("I'm sorry");
  }

  @Test
  void ordinaryMailToATrapIsSpamEvidence() throws Exception {
    Evidence e =
        evidence.trapMessage(
            "t2",
            Instant.EPOCH,
            IpAddress.parse("1.1.1.1"),
            "spambot",
            "deals@spammer.example",
            List.of("victim@trap.backstop.local"),
            fixture("spam.eml"));
    assertThat(e.kind()).isEqualTo(EvidenceKind.SPAM);
    assertThat(e.summary()).isEqualTo("ordinary mail");
  }
}
