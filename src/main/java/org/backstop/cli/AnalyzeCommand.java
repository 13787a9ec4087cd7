package org.backstop.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.backstop.mail.Analysis;
import org.backstop.mail.BounceAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backstop analyze}: tells for each message whether it is a bounce or auto-reply, and why.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse messages: bounce (DSN or not), delay, auto-reply, feedback report, receipt, or none.",
      "Directories are walked, one message per file; '-' reads standard input.",
      "A file or standard input that starts with an mbox 'From ' line is split into its messages."
    })
public final class AnalyzeCommand implements Callable<Integer> {
  /** Output formats. */
  public enum Format {
    json,
    text
  }

  @Option(
      names = "--format",
      description = "json (one object per line) or text. Default: ${DEFAULT-VALUE}.")
  Format format = Format.text;

  @Option(
      names = "--max-bytes",
      description = "Largest message read, in bytes. Default: ${DEFAULT-VALUE}.")
  int maxBytes = BounceAnalyzer.DEFAULT_MAX_BYTES;

  @Option(
      names = "--threads",
      description = "Messages analysed in parallel; output keeps input order. Default: cores.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--progress",
      description =
          "Every second and at the end, print on standard error the messages done, the rate and"
              + " the verdicts by kind.")
  boolean progress;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR|-", description = "Messages to analyse.")
  List<String> inputs = new ArrayList<>();

  /**
   * What a worker does with a message's bytes: the analyzer's verdict. Replaced only by the
   * benchmark harness ({@code STAGES=1 bench/analyze.sh}), which runs this same command with less
   * of the analyzer to measure what the rest of a run costs.
   */
  BiFunction<BounceAnalyzer, byte[], Analysis> stage = BounceAnalyzer::analyze;

  /**
   * Reads the usual analyze command lines without picocli: {@code --format}, {@code --threads} and
   * {@code --max-bytes} with a plain value (as {@code --opt value} or {@code --opt=value}), {@code
   * --progress}, each at most once, and paths or {@code -}. Picocli reflects over every subcommand
   * before it runs one, which costs about 0.3 CPU-seconds, as much as analysing hundreds of
   * messages; a bounce processor that starts {@code backstop analyze} per message pays it each
   * time. Anything else (help, version, {@code --}, {@code @file}, a bad or repeated value, an
   * unknown option) returns null and goes through picocli, which stays the one definition of the
   * syntax and of the error messages.
   *
   * @param args the arguments after {@code analyze}
   * @return the configured command, or null when picocli must parse
   */
  static AnalyzeCommand quick(List<String> args) {
    AnalyzeCommand c = new AnalyzeCommand();
    boolean formatSeen = false;
    boolean threadsSeen = false;
    boolean maxBytesSeen = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.isEmpty() || a.charAt(0) == '@') {
        return null;
      }
      if (a.equals("-") || a.charAt(0) != '-') {
        c.inputs.add(a);
        continue;
      }
      if (a.equals("--progress")) {
        if (c.progress) {
          return null;
        }
        c.progress = true;
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      String value;
      if (eq >= 0) {
        value = a.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        return null;
      }
      switch (name) {
        case "--format" -> {
          if (formatSeen) {
            return null;
          }
          formatSeen = true;
          if (value.equalsIgnoreCase("json")) {
            c.format = Format.json;
          } else if (value.equalsIgnoreCase("text")) {
            c.format = Format.text;
          } else {
            return null;
          }
        }
        case "--threads" -> {
          int n = positive(value);
          if (threadsSeen || n <= 0) {
            return null;
          }
          threadsSeen = true;
          c.threads = n;
        }
        case "--max-bytes" -> {
          int n = positive(value);
          if (maxBytesSeen || n <= 0) {
            return null;
          }
          maxBytesSeen = true;
          c.maxBytes = n;
        }
        default -> {
          return null;
        }
      }
    }
    return c.inputs.isEmpty() ? null : c;
  }

  /** A decimal number of one to nine digits, or -1. */
  private static int positive(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      n = n * 10 + (ch - '0');
    }
    return n;
  }

  /** Runs a command from {@link #quick} as picocli would: a failure prints its trace, status 1. */
  int runQuick() {
    try {
      return call();
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      return 1;
    }
  }

  @Override
  public Integer call() throws IOException {
    if (maxBytes <= 0) {
      // Checked here, before the analyzer is built on a worker, so the error is the user's.
      System.err.println("backstop analyze: --max-bytes must be a positive number of bytes");
      return 2;
    }
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    AnalyzeProgress report = progress ? new AnalyzeProgress(System.err, System::nanoTime) : null;
    int failures = 0;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            r -> {
              Thread t = new Thread(r, "analyze");
              t.setDaemon(true);
              return t;
            });
    // Start-up overlaps: a worker builds the analyzer (its tables, and one message run through
    // it) and another sets up the MIME library, while this thread lists the inputs. Each is about
    // a tenth of a CPU-second, which a run over a few thousand messages feels.
    if (threads > 1) {
      pool.submit(BounceAnalyzer::prepareMimeLibrary);
    }
    Future<BounceAnalyzer> ready =
        pool.submit(() -> new BounceAnalyzer(maxBytes, BounceAnalyzer.DEFAULT_MAX_TIME));
    // Made once the first messages are handed out: its JSON set-up (5 to 15 ms) then overlaps
    // their analysis instead of delaying the listing.
    VerdictWriter verdicts = null;
    try (Messages source = Messages.of(inputs, maxBytes)) {
      // Runs of messages go to the pool (a hand-over per message costs more than a small
      // message), a bounded number of runs and bytes ahead of the output, which keeps the input
      // order.
      Deque<Flight> inFlight = new ArrayDeque<>();
      long pendingBytes = 0;
      Messages.Item next = source.next();
      while (next != null || !inFlight.isEmpty()) {
        while (next != null
            && (inFlight.isEmpty()
                || inFlight.size() < IN_FLIGHT && pendingBytes < MAX_PENDING_BYTES)) {
          List<Messages.Item> chunk = new ArrayList<>(CHUNK);
          long bytes = 0;
          while (next != null && chunk.size() < CHUNK && bytes < CHUNK_BYTES) {
            chunk.add(next);
            bytes += next.size();
            next = source.next();
          }
          inFlight.add(new Flight(pool.submit(() -> analyse(ready.get(), chunk)), bytes));
          pendingBytes += bytes;
        }
        if (verdicts == null) {
          verdicts = new VerdictWriter(format, out);
        }
        Flight flight = inFlight.poll();
        pendingBytes -= flight.bytes();
        List<Result> results;
        try {
          results = flight.results().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 1;
        } catch (ExecutionException e) {
          throw new IOException(e.getCause());
        }
        for (Result r : results) {
          if (r.analysis() == null) {
            System.err.println("backstop analyze: " + r.name() + ": " + r.error());
            failures++;
          } else {
            verdicts.write(r.name(), r.message(), r.analysis());
          }
          if (report != null) {
            report.counted(r.analysis());
          }
        }
        if (report != null) {
          report.tick();
        }
      }
    }
    pool.shutdown();
    if (verdicts != null) {
      verdicts.flush(); // and the stream under it
    } else {
      out.flush();
    }
    if (report != null) {
      report.finish();
    }
    return failures == 0 ? 0 : 1;
  }

  /**
   * Messages per hand-over to the pool. At 8, the wake-ups and waits of the 3,600 hand-overs of a
   * run over 28,800 small messages were 2% of its CPU time; 32 leaves the first run of a cold JVM
   * short enough that both workers start at once.
   */
  private static final int CHUNK = 32;

  /** A run closes early at this many bytes of messages already read (from an mbox). */
  private static final long CHUNK_BYTES = 1 << 20;

  /** Runs handed over and not yet written, at most: 512 messages ahead of the output. */
  private static final int IN_FLIGHT = 16;

  /** Bytes of messages read ahead and not yet analysed, at most (one run always goes). */
  private static final long MAX_PENDING_BYTES = 64L << 20;

  /** A run of messages handed to the pool, and the bytes it holds. */
  private record Flight(Future<List<Result>> results, long bytes) {}

  /** One message's verdict, or the error that kept it from being read. */
  private record Result(String name, int message, Analysis analysis, String error) {}

  private List<Result> analyse(BounceAnalyzer analyzer, List<Messages.Item> items) {
    List<Result> out = new ArrayList<>(items.size());
    for (Messages.Item m : items) {
      if (m.error() != null) {
        out.add(new Result(m.name(), m.message(), null, m.error()));
        continue;
      }
      try {
        byte[] bytes = m.bytes() != null ? m.bytes() : Messages.read(m.file(), maxBytes);
        out.add(new Result(m.name(), m.message(), stage.apply(analyzer, bytes), null));
      } catch (IOException e) {
        out.add(new Result(m.name(), m.message(), null, IoReason.of(e)));
      }
    }
    return out;
  }
}
