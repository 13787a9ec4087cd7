package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyLinesTest {
  @Test
  void unwrapTakesOutCodesRepeatedAtLineJoints() {
    assertThat(ReplyLines.unwrap("550-5.7.1 Messages with multiple 550 5.7.1 addresses in From"))
        .isEqualTo("550-5.7.1 Messages with multiple addresses in From");
    assertThat(ReplyLines.unwrap("552-5.2.2 over quota 552- see https://x"))
        .isEqualTo("552-5.2.2 over quota see https://x");
  }

  @Test
  void unwrapLeavesNumbersThatAreNoReplyCode() {
    assertThat(ReplyLines.unwrap("Size (in bytes): 550 Number of lines: 2"))
        .isEqualTo("Size (in bytes): 550 Number of lines: 2");
    assertThat(ReplyLines.unwrap(null)).isNull();
  }

  @Test
  void completeJoinsTheTranscriptOfAContinuedReply() {
    String report =
        "    (reason: 552-5.7.0 This message was blocked because its content presents a)\n"
            + "<<< 552-5.7.0 This message was blocked because its content presents a\n"
            + "<<< 552-5.7.0 security issue. Please visit\n"
            + "<<< 552 5.7.0 content guidelines. - gsmtp\n"
            + "554 5.0.0 Service unavailable\n";
    assertThat(
            ReplyLines.complete(
                "552-5.7.0 This message was blocked because its content presents a", report))
        .isEqualTo(
            "552-5.7.0 This message was blocked because its content presents a security issue."
                + " Please visit content guidelines. - gsmtp");
  }

  @Test
  void completeLeavesADiagnosticWithoutTranscript() {
    assertThat(ReplyLines.complete("552-5.7.0 blocked because of something", "no transcript"))
        .isEqualTo("552-5.7.0 blocked because of something");
    assertThat(ReplyLines.complete("550 5.1.1 unknown user here", "<<< 550-5.1.1 x"))
        .isEqualTo("550 5.1.1 unknown user here");
    assertThat(ReplyLines.complete(null, "x")).isNull();
  }
}
