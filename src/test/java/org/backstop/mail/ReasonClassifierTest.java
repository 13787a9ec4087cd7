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
    assertThat(reason("550 Please contact your provider, part of their network is on our block list"))
        .isEqualTo("blocked");
  }

  @Test
  void aLineLimitIsAMessageTooBig() {
    assertThat(reason("SMTP error from remote mail server after end of data: 500 Line limit exceeded"))
        .isEqualTo("mesgtoobig");
  }

  @Test
  void insufficientSystemResourcesIsASystemFull() {
    assertThat(reason("452 4.3.1 Insufficient system resources (UsedDiskSpace)"))
        .isEqualTo("systemfull");
  }

  @Test
  void noWordsGiveNoReason() {
    assertThat(reason("")).isEqualTo("undefined");
  }
}
