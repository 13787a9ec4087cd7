package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
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
  void lowerEqualsTheJdkOnRandomTextOfEveryLength() {
    Random r = new Random(11);
    String alphabet = "AZaz@[`{?09 \n\u00c9\u00e9\u0130\u03a3\u30e1";
    for (int round = 0; round < 5000; round++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(40);
      // Mostly ASCII, so that whole words of eight take the fast path, with a rare other letter.
      for (int i = 0; i < n; i++) {
        b.append(alphabet.charAt(r.nextInt(r.nextInt(20) == 0 ? alphabet.length() : 10)));
      }
      String s = b.toString();
      assertThat(Text.lower(s)).as(s).isEqualTo(s.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void lineEndingsBecomeLfWhereverTheyFall() {
    Random r = new Random(5);
    for (int round = 0; round < 3000; round++) {
      byte[] in = new byte[r.nextInt(30)];
      for (int i = 0; i < in.length; i++) {
        in[i] = (byte) "ab\r\n".charAt(r.nextInt(4));
      }
      String expected =
          new String(in, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n');
      int max = r.nextInt(in.length + 1);
      String cut =
          new String(in, 0, max, StandardCharsets.ISO_8859_1)
              .replace("\r\n", "\n")
              .replace('\r', '\n');
      assertThat(new String(Text.normalizeLineEndings(in, in.length), StandardCharsets.ISO_8859_1))
          .isEqualTo(expected);
      assertThat(new String(Text.normalizeLineEndings(in, max), StandardCharsets.ISO_8859_1))
          .isEqualTo(cut);
    }
  }

  @Test
  void caselessScriptsHaveNoLowerCase() {
    for (char c = 0; c < 0xffff; c++) {
      if (Text.caseless(c)) {
        assertThat(Character.toLowerCase(c)).as("U+%04X", (int) c).isEqualTo(c);
        assertThat(Character.isSurrogate(c)).isFalse();
      }
    }
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
    int end = FieldCollector.unfold(b, 8, b.length);
    assertThat(new String(b, 8, end - 8, StandardCharsets.US_ASCII)).isEqualTo(" a   b c d");
    byte[] one = "X: a\tb".getBytes(StandardCharsets.US_ASCII);
    assertThat(FieldCollector.unfold(one, 2, one.length)).isEqualTo(one.length);
    assertThat(new String(one, StandardCharsets.US_ASCII)).isEqualTo("X: a\tb");
  }
}
