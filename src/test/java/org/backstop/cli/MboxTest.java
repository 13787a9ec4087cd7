package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxTest {
  private static List<String> split(String mbox, int limit) throws IOException {
    return split(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.ISO_8859_1)), limit);
  }

  private static List<String> split(InputStream in, int limit) throws IOException {
    Mbox m = new Mbox(in, limit);
    List<String> out = new ArrayList<>();
    for (byte[] b = m.next(); b != null; b = m.next()) {
      out.add(new String(b, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  @Test
  void splitsAtEnvelopeLinesAndDropsThemWithTheSeparatingBlankLine() throws IOException {
    String mbox =
        "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n"
            + "Subject: one\n\nbody one\n\n"
            + "From a@example.com Mon Jan  1 00:00:01 2024\n"
            + "Subject: two\n\nbody two\n";
    assertThat(split(mbox, 1000))
        .containsExactly("Subject: one\n\nbody one\n", "Subject: two\n\nbody two\n");
  }

  @Test
  void quotedFromLinesLoseOneQuote() throws IOException {
    String mbox =
        "From x Mon Jan  1 00:00:00 2024\n\n>From the desk\n>>From deeper\n> From not quoted\n";
    assertThat(split(mbox, 1000))
        .containsExactly("\nFrom the desk\n>From deeper\n> From not quoted\n");
  }

  @Test
  void crlfMailboxesSplitToo() throws IOException {
    String mbox = "From x Mon\r\nSubject: a\r\n\r\nA\r\n\r\nFrom y Tue\r\nSubject: b\r\n\r\nB\r\n";
    assertThat(split(mbox, 1000))
        .containsExactly("Subject: a\r\n\r\nA\r\n", "Subject: b\r\n\r\nB\r\n");
  }

  @Test
  void aMessageOverTheLimitIsCutOneByteBeyondItAndTheNextIsStillRead() throws IOException {
    String big = "Subject: big\n\n" + "y".repeat(200_000) + "\n";
    String mbox = "From a Mon\n" + big + "\nFrom b Tue\nSubject: small\n\nok\n";
    List<String> got = split(mbox, 1000);
    assertThat(got).hasSize(2);
    assertThat(got.get(0)).hasSize(1001).startsWith("Subject: big");
    assertThat(got.get(1)).isEqualTo("Subject: small\n\nok\n");
  }

  @Test
  void linesLongerThanTheReadBufferArriveWhole() throws IOException {
    String line = "z".repeat(300_000);
    assertThat(split("From a Mon\n" + line + "\n", 1 << 20)).containsExactly(line + "\n");
  }

  @Test
  void emptyStreamsAndLoneEnvelopes() throws IOException {
    assertThat(split("", 1000)).isEmpty();
    assertThat(split("From a Mon\n", 1000)).containsExactly("");
    assertThat(split("From a Mon\nFrom b Tue\nx\n", 1000)).containsExactly("", "x\n");
    assertThat(split("From a Mon", 1000)).containsExactly("");
  }

  @Test
  void aLargeMailboxIsReadMessageByMessage() throws IOException {
    int n = 20_000;
    // Generated as it is read, so the test holds one message at a time too.
    InputStream in =
        new InputStream() {
          private int i;
          private byte[] cur = new byte[0];
          private int at;

          @Override
          public int read() {
            if (at == cur.length) {
              if (i == n) {
                return -1;
              }
              cur =
                  ("From a Mon\nSubject: m" + i++ + "\n\nbody\n\n")
                      .getBytes(StandardCharsets.US_ASCII);
              at = 0;
            }
            return cur[at++];
          }
        };
    Mbox m = new Mbox(in, 1000);
    int count = 0;
    for (byte[] b = m.next(); b != null; b = m.next()) {
      assertThat(new String(b, StandardCharsets.US_ASCII))
          .isEqualTo("Subject: m" + count + "\n\nbody\n");
      count++;
    }
    assertThat(count).isEqualTo(n);
  }

  @Test
  void onlyAnEnvelopeLineMakesAnMbox() {
    byte[] yes = "From a Mon".getBytes(StandardCharsets.US_ASCII);
    byte[] no = "From: a@example.com".getBytes(StandardCharsets.US_ASCII);
    assertThat(Mbox.startsMbox(yes, yes.length)).isTrue();
    assertThat(Mbox.startsMbox(no, no.length)).isFalse();
    assertThat(Mbox.startsMbox(yes, 4)).isFalse();
  }
}
