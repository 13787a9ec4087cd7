package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.junit.jupiter.api.Test;

class TransferDecodingTest {
  private static String qp(String encoded) {
    byte[] in = encoded.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[in.length];
    int n = TransferDecoding.quotedPrintable(in, in.length, out);
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  @Test
  void quotedPrintableBytesAndSoftBreaks() {
    assertThat(qp("caf=C3=A9 =3D ok")).isEqualTo("caf\u00c3\u00a9 = ok");
    assertThat(qp("lower =c3=a9")).isEqualTo("lower \u00c3\u00a9");
    assertThat(qp("a long line=\ngoes on")).isEqualTo("a long linegoes on");
    assertThat(qp("blanks after the equals sign= \t\nstill soft"))
        .isEqualTo("blanks after the equals signstill soft");
    assertThat(qp("ends with =")).isEqualTo("ends with ");
  }

  @Test
  void malformedQuotedPrintableIsKeptAsWritten() {
    assertThat(qp("50% =XY off")).isEqualTo("50% =XY off");
    assertThat(qp("=4")).isEqualTo("=4");
    assertThat(qp("a=\u00e9b")).isEqualTo("a=\u00e9b");
  }

  @Test
  void quotedPrintableStopsAtTheOutputBound() {
    byte[] in = "=41=42=43=44".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[2];
    assertThat(TransferDecoding.quotedPrintable(in, in.length, out)).isEqualTo(2);
    assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("AB");
  }

  @Test
  void quotedPrintableAgreesWithMime4jOnWellFormedText() throws Exception {
    Random r = new Random(7);
    for (int t = 0; t < 500; t++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        int k = r.nextInt(10);
        if (k == 0) {
          sb.append(String.format("=%02X", r.nextInt(256)));
        } else if (k == 1) {
          sb.append("=\n");
        } else if (k == 2) {
          sb.append('\n');
        } else {
          sb.append((char) ('a' + r.nextInt(26)));
        }
      }
      byte[] in = sb.toString().getBytes(StandardCharsets.US_ASCII);
      byte[] mine = new byte[in.length];
      int n = TransferDecoding.quotedPrintable(in, in.length, mine);
      byte[] theirs;
      try (QuotedPrintableInputStream q =
          new QuotedPrintableInputStream(
              new java.io.ByteArrayInputStream(in), DecodeMonitor.SILENT)) {
        // mime4j writes hard line breaks as CRLF; the analyzer keeps LF, as everywhere else.
        theirs =
            new String(q.readAllBytes(), StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
      }
      assertThat(java.util.Arrays.copyOf(mine, n)).isEqualTo(theirs);
    }
  }

  @Test
  void base64WithLineBreaksDecodes() {
    String text = "The original message was received at Mon, 1 Jan 2024";
    String wrapped = Base64.getMimeEncoder(20, "\n".getBytes()).encodeToString(text.getBytes());
    byte[] raw = wrapped.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[100];
    int n = TransferDecoding.base64(raw, raw.length, out);
    assertThat(new String(out, 0, n, StandardCharsets.US_ASCII)).isEqualTo(text);
  }

  @Test
  void brokenBase64IsRefusedSoTheLenientDecoderTakesOver() {
    byte[] raw = "QUJD\nR".getBytes(StandardCharsets.US_ASCII);
    assertThat(TransferDecoding.base64(raw, raw.length, new byte[10])).isEqualTo(-1);
  }

  @Test
  void aBase64PartWithABrokenTailStillGivesItsText() {
    String body =
        Base64.getEncoder().encodeToString("Delivery to user@example.com failed".getBytes());
    String msg =
        "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\nMIME-Version: 1.0\n"
            + "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
            + body
            + "\nQ\n";
    Mail m = Mail.parse(msg.getBytes(StandardCharsets.US_ASCII), new Budget(1_000_000_000L));
    assertThat(m.text).contains("Delivery to user@example.com failed");
  }
}
