package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasonClassifierTest {
  private static String reason(String diagnostic) {
    Finding f = new Finding("b@z.example");
    f.diagnostic = diagnostic;
    SmtpDetails.fill(f);
    return ReasonClassifier.classify(f);
  }

  @Test
  void eximRefusalsOfTheSendingHostAreBlocked() {
    assertThat(
            reason(
                "SMTP error from remote mail server after MAIL FROM:<a@y.example> SIZE=1024: 551"
                    + " Server access mx.z.example forbidden by invalid RDNS record of your mail"
                    + " server"))
        .isEqualTo("blocked");
    assertThat(
            reason("550 Please contact your provider, part of their network is on our block list"))
        .isEqualTo("blocked");
  }

  @Test
  void aLineLimitIsAMessageTooBig() {
    assertThat(
            reason("SMTP error from remote mail server after end of data: 500 Line limit exceeded"))
        .isEqualTo("mesgtoobig");
  }

  @Test
  void insufficientSystemResourcesIsASystemFull() {
    assertThat(reason("452 4.3.1 Insufficient system resources (UsedDiskSpace)"))
        .isEqualTo("systemfull");
  }

  @Test
  void phrasesOfExpiryLoopsRelaysAndRefusals() {
    assertThat(reason("Connection timed out")).isEqualTo("expired");
    assertThat(reason("Routing: Could not find a gateway for b@z.example")).isEqualTo("expired");
    assertThat(reason("554 5.4.14 Hop count exceeded - possible mail loop"))
        .isEqualTo("networkerror");
    assertThat(reason("Remote protocol error: 550 Insecure Mail Relay")).isEqualTo("norelaying");
    assertThat(reason("451 4.3.0 Error: queue file write error")).isEqualTo("systemerror");
    assertThat(reason("\"Sorry, you are sending to/from an address that has been blacklisted\""))
        .isEqualTo("rejected");
    assertThat(reason("Remote protocol error: Connection reset by peer during result wait"))
        .isEqualTo("blocked");
  }

  @Test
  void interScanNamesAnUnknownUserByItsOwnSentence() {
    assertThat(
            reason(
                "Unable to deliver message to <b@z.example> (and other recipients in the same"
                    + " domain)."))
        .isEqualTo("userunknown");
  }

  @Test
  void aReportersSummaryNamingAnUnknownAddressIsNotAnUnknownUser() {
    // Amazon SES's summary "Unknown address error" precedes the server's real reason.
    assertThat(reason("5.1.0 - Unknown address error 550-'5.7.1 <x@y.example>... Access denied'"))
        .isEqualTo("securityerror");
  }

  @Test
  void noWordsGiveNoReason() {
    assertThat(reason("")).isEqualTo("undefined");
  }
}
