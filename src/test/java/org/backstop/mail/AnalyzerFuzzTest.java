package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates the project's fixtures 100,000 times (bit flips, cuts, splices, inserted control and
 * 8-bit bytes, broken boundaries and encoded words) and checks every message gets a verdict: no
 * exception escapes, no rule throws inside, and no message needs the time limit.
 */
class AnalyzerFuzzTest {
  private static final int MESSAGES = 100_000;
  private static final byte[][] TOKENS = {
    "\n".getBytes(),
    "\r".getBytes(),
    "\r\n".getBytes(),
    "--".getBytes(),
    "=?".getBytes(),
    "?=".getBytes(),
    "=?ISO-2022-JP?B?GyRC?=".getBytes(),
    "@".getBytes(),
    "<".getBytes(),
    ">".getBytes(),
    ":".getBytes(),
    "\u001b$B".getBytes(),
    new byte[] {(byte) 0xff, (byte) 0xfe},
    new byte[] {0},
    "Content-Type: multipart/report; boundary=x\n\n--x\n".getBytes(),
    "Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\n".getBytes(),
    "Content-Transfer-Encoding: base64\n\n".getBytes(),
    "Status: 5.1.1\n".getBytes(),
    "{\"notificationType\":\"Bounce\",\"bounce\":{".getBytes(),
    "\n\n".getBytes()
  };

  @Test
  void hundredThousandMutatedMessagesAllGetAVerdict() {
    List<byte[]> seeds = new ArrayList<>();
    for (String f : Fixtures.ALL) {
      seeds.add(Fixtures.load(f));
    }
    BounceAnalyzer analyzer = new BounceAnalyzer();
    Random random = new Random(20250303L);
    int automated = 0;
    for (int i = 0; i < MESSAGES; i++) {
      byte[] m = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
      Analysis a = analyzer.analyze(m);
      assertThat(a).as("message %d", i).isNotNull();
      assertThat(a.kind()).isNotNull();
      assertThat(a.evidence())
          .as("message %d", i)
          .noneMatch(e -> e.startsWith("error:") || e.equals("limit:time"));
      if (a.kind() != MessageKind.NONE) {
        automated++;
      }
    }
    // Most mutations leave a bounce recognisable; if none were, the mutator broke everything.
    assertThat(automated).isGreaterThan(MESSAGES / 4);
  }

  static byte[] mutate(byte[] seed, List<byte[]> seeds, Random r) {
    byte[] m = seed.clone();
    int rounds = 1 + r.nextInt(4);
    for (int k = 0; k < rounds; k++) {
      int len = m.length;
      int at = len == 0 ? 0 : r.nextInt(len);
      switch (r.nextInt(7)) {
        case 0 -> {
          if (len > 0) m[at] ^= (byte) (1 << r.nextInt(8));
        }
        case 1 -> m = java.util.Arrays.copyOf(m, at);
        case 2 -> {
          int n = Math.min(len - at, r.nextInt(64));
          m = concat(slice(m, 0, at), slice(m, at + n, len));
        }
        case 3 ->
            m =
                concat(
                    slice(m, 0, at), concat(TOKENS[r.nextInt(TOKENS.length)], slice(m, at, len)));
        case 4 -> {
          byte[] other = seeds.get(r.nextInt(seeds.size()));
          int from = other.length == 0 ? 0 : r.nextInt(other.length);
          m = concat(slice(m, 0, at), slice(other, from, other.length));
        }
        case 5 -> {
          int n = Math.min(len - at, r.nextInt(200));
          byte[] dup = slice(m, at, at + n);
          m = concat(slice(m, 0, at + n), concat(dup, slice(m, at + n, len)));
        }
        default -> {
          byte[] junk = new byte[r.nextInt(32)];
          r.nextBytes(junk);
          m = concat(slice(m, 0, at), concat(junk, slice(m, at, len)));
        }
      }
    }
    return m;
  }

  private static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(
        b, Math.min(from, b.length), Math.min(Math.max(from, to), b.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
