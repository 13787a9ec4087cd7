package org.backstop.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Mutates the messages of a corpus and analyses each mutation, as {@code bench/fuzz.sh} runs it
 * over {@code ../shared/corpus}: {@code main CORPUS [COUNT] [SEED] [OUT_DIR]}. Every mutation must
 * get a verdict without an exception escaping, without a rule failing inside (an {@code error:}
 * evidence) and without reaching the time limit ({@code limit:time}); the time each takes is
 * measured, and the distribution and the slowest message are reported. Besides {@link
 * AnalyzerFuzzTest#mutate}'s bit flips, cuts, splices and inserted tokens, one mutation in 200
 * repeats a slice of the message until it is up to half a megabyte long, to find rules whose time
 * grows faster than the input; then fifteen hostile shapes of nearly the size limit each ({@link
 * #hostileShapes}). Failing and slowest messages are written to {@code OUT_DIR} to reproduce. Exit
 * status 1 when any message failed.
 */
public final class CorpusFuzz {
  private CorpusFuzz() {}

  /** One mutation in this many is a blow-up: a slice of the message repeated at length. */
  private static final int BLOW_UP_IN = 200;

  private static final int MAX_BLOW_UP = 512 * 1024;

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: CorpusFuzz CORPUS_DIR [COUNT] [SEED] [OUT_DIR]");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    if (count < 1) {
      System.err.println("CorpusFuzz: COUNT must be at least 1");
      System.exit(2);
    }
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261204L;
    Path out = Path.of(args.length > 3 ? args[3] : "target/fuzz");
    List<byte[]> seeds = load(corpus);
    if (seeds.isEmpty()) {
      System.err.println("CorpusFuzz: no messages under " + corpus);
      System.exit(2);
    }
    Files.createDirectories(out);
    BounceAnalyzer analyzer = new BounceAnalyzer();
    Random random = new Random(seed);
    long[] nanos = new long[count];
    Map<MessageKind, Integer> kinds = new EnumMap<>(MessageKind.class);
    int failures = 0;
    long slowest = -1;
    byte[] slowestMessage = null;
    long bytes = 0;
    long started = System.nanoTime();
    System.out.printf(
        "fuzz: %d mutations of %d corpus messages (seed %d)%n", count, seeds.size(), seed);
    for (int i = 0; i < count; i++) {
      byte[] m = mutation(seeds, random);
      bytes += m.length;
      long t0 = System.nanoTime();
      String failure;
      Analysis a = null;
      try {
        a = analyzer.analyze(m);
        failure = failureOf(a);
      } catch (RuntimeException | Error e) {
        failure = "exception " + e;
      }
      long t = System.nanoTime() - t0;
      nanos[i] = t;
      if (a != null) {
        kinds.merge(a.kind(), 1, Integer::sum);
      }
      if (failure != null) {
        failures++;
        Path f = out.resolve(String.format("failure-%06d.eml", i));
        Files.write(f, m);
        System.out.printf(
            "FAIL mutation %d (%d bytes): %s, saved as %s%n", i, m.length, failure, f);
      }
      if (t > slowest) {
        slowest = t;
        slowestMessage = m;
      }
      if ((i + 1) % 20_000 == 0) {
        System.out.printf(
            "  %,d done, %.1f s, %d failed%n",
            i + 1, (System.nanoTime() - started) / 1e9, failures);
      }
    }
    Path slow = out.resolve("slowest.eml");
    Files.write(slow, slowestMessage);
    long[] sorted = nanos;
    Arrays.sort(sorted);
    System.out.printf(
        "time per mutation: median %s, p99 %s, p99.9 %s, max %s (limit %d ms; slowest, %,d bytes,"
            + " saved as %s)%n",
        ms(sorted[count / 2]),
        ms(sorted[(int) (count * 0.99)]),
        ms(sorted[(int) (count * 0.999)]),
        ms(sorted[count - 1]),
        BounceAnalyzer.DEFAULT_MAX_TIME.toMillis(),
        slowestMessage.length,
        slow);
    System.out.printf("bytes analysed: %,d; verdicts: %s%n", bytes, kinds);
    failures += hostileShapes(analyzer, out);
    System.out.printf(
        "%s: %d of %d mutations and %d shapes failed (exception, error: or limit:time)%n",
        failures == 0 ? "PASS" : "FAIL", failures, count, SHAPES.length);
    System.exit(failures == 0 ? 0 : 1);
  }

  private static final String H =
      "From: MAILER-DAEMON@mx.example\nTo: a@example.com\n"
          + "Subject: Undelivered Mail Returned to Sender\n";
  private static final String REPORT =
      "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n";

  /** Each: name, start, the unit repeated, end. */
  private static final String[][] SHAPES = {
    {"header fields", H, "X-A: b\n", "\nbody\n"},
    {"one line", H + "\n", "a", ""},
    {"boundaries", H + "Content-Type: multipart/mixed; boundary=b\n\n", "--b\n", ""},
    {"nested multiparts", H, "Content-Type: multipart/mixed; boundary=b\n\n--b\n", ""},
    {
      "DSN fields",
      H + REPORT + "--b\nContent-Type: message/delivery-status\n\n",
      "Final-Recipient: rfc822; a@b.example\nStatus: 5.1.1\n\n",
      ""
    },
    {"addresses", H + "\n", "<user@example.net>: 550 5.1.1 unknown\n", ""},
    {
      "Received lines",
      H + REPORT + "--b\nContent-Type: text/rfc822-headers\n\n",
      "Received: from a.example (a.example [192.0.2.1]) by b.example; Mon, 1 Jan 2024 00:00 +0000\n",
      ""
    },
    {"encoded words", "From: MAILER-DAEMON@mx.example\nSubject: ", "=?utf-8?q?x?= ", "\n\nbody\n"},
    {"folding", H + "X-Long: a", "\n b", "\n\nbody\n"},
    {"base64", H + "Content-Transfer-Encoding: base64\n\n", "QUJDRA==\n", ""},
    {"quoted-printable", H + "Content-Transfer-Encoding: quoted-printable\n\n", "=3D=\n", ""},
    {"HTML", H + "Content-Type: text/html\n\n", "<div><a href='x'>", ""},
    {"transcripts", H + "\n", ">>> RCPT TO:<a@b.example>\n<<< 550-5.1.1 no\n", ""},
    {
      "SES JSON",
      H + "\n{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[",
      "{\"emailAddress\":\"a@b.example\"},",
      "]}}\n"
    },
    {
      "ARF fields",
      H
          + "Content-Type: multipart/report; report-type=feedback-report; boundary=b\n\n--b\n"
          + "Content-Type: message/feedback-report\n\n",
      "Feedback-Type: abuse\n",
      ""
    },
  };

  /**
   * Messages of nearly the size limit made of one shape repeated, each a way for a rule to spend
   * more than linear time: each must be read within the time limit. Returns how many failed.
   */
  static int hostileShapes(BounceAnalyzer analyzer, Path out) throws IOException {
    int size = BounceAnalyzer.DEFAULT_MAX_BYTES - 1024 * 1024;
    int failed = 0;
    System.out.printf("hostile shapes, %,d bytes each:%n", size);
    for (String[] s : SHAPES) {
      byte[] head = s[1].getBytes(StandardCharsets.US_ASCII);
      byte[] unit = s[2].getBytes(StandardCharsets.US_ASCII);
      byte[] tail = s[3].getBytes(StandardCharsets.US_ASCII);
      byte[] m = new byte[size];
      System.arraycopy(head, 0, m, 0, head.length);
      int at = head.length;
      for (; at + unit.length <= size - tail.length; at += unit.length) {
        System.arraycopy(unit, 0, m, at, unit.length);
      }
      System.arraycopy(tail, 0, m, at, tail.length);
      m = Arrays.copyOf(m, at + tail.length);
      long t0 = System.nanoTime();
      Analysis a = analyzer.analyze(m);
      long t = System.nanoTime() - t0;
      String failure = failureOf(a);
      if (failure != null) {
        failed++;
        Path f = out.resolve("failure-" + s[0].replace(' ', '-') + ".eml");
        Files.write(f, m);
        System.out.printf("FAIL %s: %s, saved as %s%n", s[0], failure, f);
      }
      System.out.printf(
          "  %-18s %9s  %s, %d recipients%n", s[0], ms(t), a.kind(), a.recipients().size());
    }
    return failed;
  }

  /** What is wrong with a verdict, or null: none, no kind, a rule's error, the time limit. */
  static String failureOf(Analysis a) {
    if (a == null || a.kind() == null) {
      return "no verdict";
    }
    for (String e : a.evidence()) {
      if (e.startsWith("error:") || e.equals("limit:time")) {
        return "evidence " + e;
      }
    }
    return null;
  }

  /** One mutation: mostly {@link AnalyzerFuzzTest#mutate}, sometimes a slice repeated at length. */
  static byte[] mutation(List<byte[]> seeds, Random r) {
    byte[] m = AnalyzerFuzzTest.mutate(seeds.get(r.nextInt(seeds.size())), seeds, r);
    if (r.nextInt(BLOW_UP_IN) != 0 || m.length == 0) {
      return m;
    }
    int at = r.nextInt(m.length);
    int len = 1 + r.nextInt(Math.min(200, m.length - at));
    int times = Math.max(1, r.nextInt(MAX_BLOW_UP) / len);
    byte[] out = new byte[m.length + len * times];
    System.arraycopy(m, 0, out, 0, at);
    for (int k = 0; k < times; k++) {
      System.arraycopy(m, at, out, at + k * len, len);
    }
    System.arraycopy(m, at, out, at + times * len, m.length - at);
    return out;
  }

  private static String ms(long nanos) {
    return String.format("%.2f ms", nanos / 1e6);
  }

  private static List<byte[]> load(Path corpus) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(corpus)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
        if (p.toString().endsWith(".eml")) {
          out.add(Files.readAllBytes(p));
        }
      }
    }
    return out;
  }
}
