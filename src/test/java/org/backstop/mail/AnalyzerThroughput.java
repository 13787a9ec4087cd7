package org.backstop.mail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Measures steady-state analyzer throughput in one process: {@code main DIR [ROUNDS]}. */
public final class AnalyzerThroughput {
  private AnalyzerThroughput() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> msgs = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        msgs.add(Files.readAllBytes(p));
      }
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    BounceAnalyzer a = new BounceAnalyzer();
    for (int r = 0; r < rounds; r++) {
      var mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      int n = 0;
      for (byte[] m : msgs) {
        n += a.analyze(m).recipients().size();
      }
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      System.out.printf(
          "round %d: %.0f messages/s wall, %.0f messages per CPU second (%d recipients)%n",
          r, msgs.size() / ((t1 - t0) / 1e9), msgs.size() / ((c1 - c0) / 1e9), n);
    }
  }
}
