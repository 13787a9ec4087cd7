package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderSampleTest {
  private static final String RAW =
      "Return-Path: <>\r\n"
          + "Received: from mx.bad.example ([203.0.113.7])\r\n"
          + "\tby trap.backstop.example with ESMTP id 1\r\n"
          + "From: Mail Delivery System <MAILER-DAEMON@mx.bad.example>\r\n"
          + "To: secret-trap@traps.backstop.example\r\n"
          + "Subject: Undelivered Mail Returned to Sender\r\n"
          + "X-Spam-Score: 12\r\n"
          + "Auto-Submitted: auto-replied\r\n"
          + "\r\n"
          + "body mentioning secret-trap@traps.backstop.example\r\n";

  @Test
  void hidesTrapAddressesEntirely() {
    String s = HeaderSample.redact(RAW);
    assertThat(s).doesNotContain("secret-trap", "traps.backstop.example", "body mentioning");
    assertThat(s).contains("To: [redacted]");
  }

  @Test
  void keepsWhatHelpsFindTheMessageInLogs() {
    String s = HeaderSample.redact(RAW);
    assertThat(s)
        .contains("203.0.113.7")
        .contains("Subject: Undelivered Mail Returned to Sender")
        .contains("From: Mail Delivery System <[redacted]@mx.bad.example>")
        .contains("Auto-Submitted: auto-replied");
    assertThat(s).as("folded line unfolded").contains("([203.0.113.7]) by trap");
    assertThat(s).doesNotContain("X-Spam-Score");
  }

  @Test
  void emptyForNothing() {
    assertThat(HeaderSample.redact(null)).isEmpty();
    assertThat(HeaderSample.redact("  ")).isEmpty();
  }

  @Test
  void boundsHugeInput() {
    String big = "Subject: " + "x".repeat(100_000) + "\n";
    assertThat(HeaderSample.redact(big).length()).isLessThan(400);
  }
}
