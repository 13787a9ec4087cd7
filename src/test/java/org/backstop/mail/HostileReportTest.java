package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reports built to make per-recipient work grow with the size of the whole report. */
class HostileReportTest {
  /** The search that {@link SmtpDetails#longestPrefixAt} replaces: one per prefix length. */
  private static int oneSearchPerLength(String report, String probe) {
    int at = -1;
    for (int len = probe.length(); len >= 12 && at < 0; len -= 4) {
      at = report.indexOf(probe.substring(0, len));
    }
    return at;
  }

  @Test
  void longestPrefixIsFoundWhereOneSearchPerLengthFindsIt() {
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      // Two letters, so that prefixes of every length recur, and overlap, in the report.
      StringBuilder probe = new StringBuilder();
      for (int k = 0, n = r.nextInt(44); k < n; k++) probe.append(r.nextBoolean() ? 'a' : 'b');
      StringBuilder report = new StringBuilder();
      while (report.length() < r.nextInt(300)) {
        if (r.nextInt(4) == 0 && probe.length() > 0) {
          report.append(probe, 0, r.nextInt(probe.length() + 1));
        } else {
          report.append(r.nextBoolean() ? 'a' : 'b');
        }
      }
      String p = probe.toString();
      String t = report.toString();
      assertThat(SmtpDetails.longestPrefixAt(t, p))
          .as("probe %s in %s", p, t)
          .isEqualTo(oneSearchPerLength(t, p));
    }
  }

  /**
   * 250 recipients, then 16 MB of text full of transcript lines ({@code line}, then {@code words}
   * words) in which no recipient's words are: a search of the whole text per recipient took up to
   * 20 seconds under C1 (4 under C2), where the time limit is 2.
   */
  private static byte[] hostile(String line, int words, String replyCode) {
    StringBuilder m =
        new StringBuilder(
            "From: MAILER-DAEMON@mx.example\nTo: alice@sender.example\nSubject: Undelivered Mail\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\n\n"
                + "... while talking to mx.example.net.:\n>>> RCPT TO:<user0@example.net>\n"
                + "<<< 550 5.1.1 0 unique words that appear nowhere else\n");
    String filler = line + "lorem ipsum dolor sit amet ".repeat(words / 5) + "\n";
    for (int part = 0; part < 32; part++) {
      m.append("\n--b\nContent-Type: text/plain\n\n");
      m.append(filler.repeat(500_000 / filler.length()));
    }
    m.append("\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n");
    for (int i = 0; i < 250; i++) {
      m.append("\nFinal-Recipient: rfc822; user")
          .append(i)
          .append("@example.net\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; ")
          .append(replyCode)
          .append("5.1.1 ")
          .append(i)
          .append(" unique words that appear nowhere else\n");
    }
    m.append("--b--\n");
    byte[] bytes = m.toString().getBytes(StandardCharsets.US_ASCII);
    assertThat(bytes.length).isGreaterThan(16_000_000);
    return bytes;
  }

  @Test
  void transcriptCommandsAreLookedForWithinTheTimeLimit() {
    Analysis a = new BounceAnalyzer().analyze(hostile(">>> RCPT TO:<x@example.com>\n", 90, "550 "));

    assertThat(a.evidence()).doesNotContain("limit:time");
    assertThat(a.kind()).isEqualTo(MessageKind.DSN);
    assertThat(a.recipients()).hasSize(250);
    assertThat(a.recipients().get(0).command()).isEqualTo("RCPT"); // from the transcript
    assertThat(a.recipients().get(1).command()).isNull(); // its reply is in no transcript
    assertThat(a.recipients()).allMatch(x -> "userunknown".equals(x.reason()));
  }

  @Test
  void continuedRepliesAreLookedForWithinTheTimeLimit() {
    // Each diagnostic is the first line of a continued reply ("550-"), which is looked for among
    // the transcript's "<<< 550-" lines to be completed.
    Analysis a = new BounceAnalyzer().analyze(hostile("<<< 550-5.1.1 ok ok\n", 5, "550-"));

    assertThat(a.evidence()).doesNotContain("limit:time");
    assertThat(a.recipients()).hasSize(250);
    assertThat(a.recipients().get(7).diagnostic()).contains("7 unique words");
  }

  @Test
  void emptyPartsPastTheLastOneKeptAreNotWalkedThrough() {
    // 19 MB of boundary lines: four million empty parts, or nested multiparts, for mime4j to open
    // one by one; the analyzer stops reading past MAX_PARTS parts or MAX_ENTITIES entities. Read
    // to the end they took the whole 2 s limit under C1; now a few milliseconds, well within 300.
    String head = "From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail\n";
    String flat =
        head + "Content-Type: multipart/mixed; boundary=b\n\n" + "--b\n".repeat(5_000_000);
    String nested = head + "Content-Type: multipart/mixed; boundary=b\n\n--b\n".repeat(400_000);
    BounceAnalyzer quick =
        new BounceAnalyzer(BounceAnalyzer.DEFAULT_MAX_BYTES, Duration.ofMillis(300));
    for (String m : List.of(flat, nested)) {
      Analysis a = quick.analyze(m.getBytes(StandardCharsets.US_ASCII));
      assertThat(a.evidence()).doesNotContain("limit:time");
      assertThat(a.kind()).isEqualTo(MessageKind.BOUNCE); // by its subject and sender
    }
  }

  @Test
  void encodedWordsAreDecodedAsFarAsRulesRead() {
    String word = "=?utf-8?q?caf=C3=A9?= ";
    String value = word.repeat(Headers.MAX_DECODED / word.length() * 3);
    String decoded = Headers.decode(value);
    assertThat(decoded).startsWith("cafécafé"); // blanks between encoded words go (RFC 2047)
    assertThat(decoded).endsWith(word.repeat(10)); // the tail past the limit, as it came
    assertThat(decoded.length()).isLessThan(value.length());
  }
}
