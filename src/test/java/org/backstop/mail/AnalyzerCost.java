package org.backstop.mail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Where the analyzer's time goes, in one warm process ({@code bench/cost.sh}): each message's
 * median time over many rounds, fitted as a cost per message plus a cost per byte; the share of
 * messages whose text goes beyond Latin-1 (held in UTF-16 strings, slower a character); and the
 * messages a second of one thread and of two, which no run of {@code backstop analyze} on this
 * machine can exceed (it adds start-up, warm-up, file reading and JSON).
 *
 * <p>{@code main CORPUS_DIR [ROUNDS]}: every {@code .eml} file below the directory, in name order.
 */
public final class AnalyzerCost {
  private AnalyzerCost() {}

  public static void main(String[] args) throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
      s.filter(p -> p.toString().endsWith(".eml")).sorted().forEach(files::add);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<byte[]> msgs = new ArrayList<>();
    for (Path p : files) {
      msgs.add(Files.readAllBytes(p));
    }
    BounceAnalyzer a = new BounceAnalyzer();
    System.out.printf("%d messages, %d rounds after %d of warm-up%n", msgs.size(), rounds, rounds);
    for (int r = 0; r < rounds; r++) {
      msgs.forEach(a::analyze);
    }
    int n = msgs.size();
    long[][] t = new long[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        a.analyze(msgs.get(i));
        t[i][r] = System.nanoTime() - t0;
      }
    }
    double[] us = new double[n];
    for (int i = 0; i < n; i++) {
      Arrays.sort(t[i]);
      us[i] = t[i][rounds / 2] / 1e3;
    }
    fit(msgs, us);
    byKind(a, msgs, us);
    wide(msgs, us);
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> -us[i]));
    System.out.println("slowest (median µs, bytes, ns a byte):");
    for (int k = 0; k < Math.min(5, n); k++) {
      int i = order[k];
      System.out.printf(
          "  %7.1f %7d %6.1f  %s%n",
          us[i], msgs.get(i).length, 1e3 * us[i] / msgs.get(i).length, files.get(i).getFileName());
    }
    for (int threads : new int[] {1, 2, 1, 2}) {
      System.out.printf("%d thread(s): %,.0f messages a second%n", threads, rate(a, msgs, threads));
    }
  }

  /** The least-squares line time = a + b * bytes over the per-message medians. */
  private static void fit(List<byte[]> msgs, double[] us) {
    int n = us.length;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double x = msgs.get(i).length;
      sx += x;
      sy += us[i];
      sxx += x * x;
      sxy += x * us[i];
      syy += us[i] * us[i];
    }
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double c = (sy - b * sx) / n;
    double r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    System.out.printf(
        "mean %.1f µs a message (%.0f bytes); fit: %.1f µs + %.1f ns a byte (r² %.2f)%n",
        sy / n, sx / n, c, b * 1e3, r * r);
  }

  /** Mean time of the messages found automated and of the others. */
  private static void byKind(BounceAnalyzer a, List<byte[]> msgs, double[] us) {
    double[] sum = new double[2];
    int[] count = new int[2];
    for (int i = 0; i < us.length; i++) {
      int k = a.analyze(msgs.get(i)).kind() == MessageKind.NONE ? 0 : 1;
      sum[k] += us[i];
      count[k]++;
    }
    System.out.printf(
        "automated mail: %d messages, mean %.1f µs; the others: %d, mean %.1f µs%n",
        count[1], sum[1] / Math.max(1, count[1]), count[0], sum[0] / Math.max(1, count[0]));
  }

  /** Time and bytes of the messages whose text has a character beyond Latin-1. */
  private static void wide(List<byte[]> msgs, double[] us) {
    int count = 0;
    double time = 0;
    double allTime = 0;
    long bytes = 0;
    long allBytes = 0;
    for (int i = 0; i < us.length; i++) {
      byte[] m = msgs.get(i);
      allTime += us[i];
      allBytes += m.length;
      String text = Mail.parse(Text.normalizeLineEndings(m, m.length), new Budget(1L << 40)).text;
      if (text.chars().anyMatch(c -> c > 0xff)) {
        count++;
        time += us[i];
        bytes += m.length;
      }
    }
    System.out.printf(
        "text beyond Latin-1: %d messages, %.1f%% of the bytes, %.1f%% of the time%n",
        count, 100.0 * bytes / allBytes, 100 * time / allTime);
  }

  /** Messages a second of {@code threads} threads each analysing all messages five times. */
  private static double rate(BounceAnalyzer a, List<byte[]> msgs, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long t0 = System.nanoTime();
      List<Future<?>> work = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        work.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < 5; r++) {
                    msgs.forEach(a::analyze);
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      return threads * 5.0 * msgs.size() / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdown();
    }
  }
}
