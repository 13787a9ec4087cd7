package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartsTest {
  @Test
  void statusCodeIsFoundAfterAReplyCodeAndNotInsideAVersionNumber() {
    assertThat(StatusCodes.find("550-5.1.1 The email account")).isEqualTo("5.1.1");
    assertThat(StatusCodes.find("#5.7.1 smtp;550")).isEqualTo("5.7.1");
    assertThat(StatusCodes.find("Exim 4.96.1 said")).isNull();
    assertThat(StatusCodes.find("version 15.1.2507.39")).isNull();
  }

  @Test
  void replyCodeStandsAlone() {
    assertThat(StatusCodes.findReply("said: 550 5.1.1 nope")).isEqualTo("550");
    assertThat(StatusCodes.findReply("id 12550 queued")).isNull();
  }

  @Test
  void reasonWithoutStatusGetsAPrivateCode() {
    assertThat(StatusCodes.forReason("userunknown", false)).isEqualTo("5.0.911");
    assertThat(StatusCodes.forReason("expired", true)).isEqualTo("4.0.947");
    assertThat(StatusCodes.forReason("vacation", false)).isNull();
  }

  @Test
  void receivedHeaderGivesHostsAndAddress() {
    Hop h =
        ReceivedParser.parse(
            "from mx.a.example (mx.a.example [IPv6:2001:db8::1]) by mx.b.example with ESMTPS id 1");
    assertThat(h.fromHost()).isEqualTo("mx.a.example");
    assertThat(h.ip()).isEqualTo("2001:db8::1");
    assertThat(h.byHost()).isEqualTo("mx.b.example");
    assertThat(ReceivedParser.parse("by localhost with local id 3").byHost())
        .isEqualTo("localhost");
    assertThat(ReceivedParser.parse("garbage [999.1.1.1]").ip()).isNull();
  }

  @Test
  void addressesAreFoundInTextAndHeaders() {
    assertThat(Addresses.ofHeader("\"Doe, J\" <J.Doe@Example.ORG>")).isEqualTo("j.doe@example.org");
    assertThat(Addresses.all("<a@b.example>: host said <a@b.example> and c@d.example."))
        .containsExactly("a@b.example", "c@d.example");
    assertThat(Addresses.first("no address @ here")).isNull();
    assertThat(Addresses.isSystem("MAILER-DAEMON@x.example".toLowerCase())).isTrue();
  }

  @Test
  void unknownUserAfterDataIsAFilterNotAnUnknownUser() {
    Finding atRcpt = new Finding("a@b.example");
    atRcpt.diagnostic = "550 User unknown (in reply to RCPT TO command)";
    SmtpDetails.fill(atRcpt);
    Finding atData = new Finding("a@b.example");
    atData.diagnostic = "550 User unknown (in reply to end of DATA command)";
    SmtpDetails.fill(atData);
    assertThat(ReasonClassifier.classify(atRcpt)).isEqualTo("userunknown");
    assertThat(ReasonClassifier.classify(atData)).isEqualTo("filtered");
  }

  @Test
  void dsnGroupsAreSplitEvenWithoutBlankLines() {
    Rfc3464.Report r =
        Rfc3464.parse(
            "Reporting-MTA: dns; m.example\n\nFinal-Recipient: rfc822; a@x.example\nAction: failed\n"
                + "Status: 5.1.1\nFinal-Recipient: rfc822; b@x.example\nAction: delayed\nStatus: 4.2.2\n");
    assertThat(r.reportingMta()).isEqualTo("m.example");
    assertThat(r.recipients())
        .extracting(f -> f.address + " " + f.action + " " + f.status)
        .containsExactly("a@x.example failed 5.1.1", "b@x.example delayed 4.2.2");
  }
}
