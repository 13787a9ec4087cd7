package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void lowerEqualsTheJdkOnAsciiAndOtherScripts() {
    for (String s :
        new String[] {
          "", "already lower", "User Unknown", "MAILER-DAEMON@Example.ORG", "Ünzustellbar",
          "ΣΊΣΥΦΟΣ", "İstanbul", "メールボックス FULL", "\uD801\uDC00 deseret", "caf\u00c9"
        }) {
      assertThat(Text.lower(s)).as(s).isEqualTo(s.toLowerCase(Locale.ROOT));
    }
    assertThat(Text.lower(null)).isEmpty();
  }

  @Test
  void lowerReturnsLowerCaseTextItself() {
    String s = "550 5.1.1 user unknown";
    assertThat(Text.lower(s)).isSameAs(s);
  }

  @Test
  void trimmedStartsWithIgnoresCaseAndSurroundingBlanks() {
    assertThat(Text.trimmedStartsWith("  RCPT TO:<a@example.com>", "rcpt to:")).isTrue();
    assertThat(Text.trimmedStartsWith("\tWhile talking to mx.example.com:", "while talking to "))
        .isTrue();
    assertThat(Text.trimmedStartsWith("id   ", "id ")).isFalse();
    assertThat(Text.trimmedStartsWith("in", "in:")).isFalse();
    assertThat(Text.trimmedStartsWith("", "in:")).isFalse();
    assertThat(Text.trimmedStartsWith("mail from:", "rcpt to:")).isFalse();
  }

  @Test
  void foldedFieldValuesUnfoldAsBytes() {
    byte[] b = "Subject: a\n  b\n\tc\td".getBytes(StandardCharsets.US_ASCII);
    int end = Mail.unfold(b, 8, b.length);
    assertThat(new String(b, 8, end - 8, StandardCharsets.US_ASCII)).isEqualTo(" a   b c d");
    byte[] one = "X: a\tb".getBytes(StandardCharsets.US_ASCII);
    assertThat(Mail.unfold(one, 2, one.length)).isEqualTo(one.length);
    assertThat(new String(one, StandardCharsets.US_ASCII)).isEqualTo("X: a\tb");
  }
}
