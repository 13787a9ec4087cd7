package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixAdviceTest {
  @Test
  void bounceAdviceSaysRejectAtSmtpTime() {
    var a = FixAdvice.forKind("dsn");
    assertThat(a.steps().get(0)).contains("Reject unknown recipients during the SMTP dialogue");
    assertThat(String.join(" ", a.steps())).contains("SPF", "DKIM", "DMARC", "BATV");
  }

  @Test
  void autoReplyAdviceNamesNullSenderAndAutoSubmitted() {
    assertThat(String.join(" ", FixAdvice.forKind("autoreply").steps()))
        .contains("MAIL FROM:<>", "Auto-Submitted", "RFC 3834");
  }

  @Test
  void calloutAdviceSaysTurnOffCallouts() {
    assertThat(FixAdvice.forKind("callout").steps().get(0)).contains("sender address verification");
  }

  @Test
  void challengeAndUnknownKindsGetAdviceToo() {
    assertThat(FixAdvice.forKind("challenge").what()).contains("challenge-response");
    assertThat(FixAdvice.forKind(null).steps()).isNotEmpty();
  }
}
