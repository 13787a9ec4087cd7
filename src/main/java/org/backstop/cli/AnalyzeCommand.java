package org.backstop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backstop.mail.Analysis;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.mail.Hop;
import org.backstop.mail.Recipient;
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
      "Directories are walked; '-' reads one message from standard input."
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

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR|-", description = "Messages to analyse.")
  List<String> inputs = new ArrayList<>();

  /**
   * Reads the usual analyze command lines without picocli: {@code --format}, {@code --threads} and
   * {@code --max-bytes} with a plain value (as {@code --opt value} or {@code --opt=value}), each at
   * most once, and paths or {@code -}. Picocli reflects over every subcommand before it runs one,
   * which costs about 0.3 CPU-seconds, as much as analysing hundreds of messages; a bounce
   * processor that starts {@code backstop analyze} per message pays it each time. Anything else
   * (help, version, {@code --}, {@code @file}, a bad or repeated value, an unknown option) returns
   * null and goes through picocli, which stays the one definition of the syntax and of the error
   * messages.
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
    BounceAnalyzer analyzer = new BounceAnalyzer(maxBytes, BounceAnalyzer.DEFAULT_MAX_TIME);
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    int failures = 0;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            r -> {
              Thread t = new Thread(r, "analyze");
              t.setDaemon(true);
              return t;
            });
    // Flushing the generator hands its bytes to the buffered stream, not to the terminal: one
    // write per 64 KB instead of one per message.
    JsonGenerator json =
        format == Format.json
            ? new JsonFactory()
                .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
                .createGenerator(out)
                .setRootValueSeparator(null)
            : null;
    PrintStream text = format == Format.text ? new PrintStream(out, false, "UTF-8") : null;
    for (String in : inputs) {
      try (Messages source = Messages.of(in, maxBytes)) {
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
            inFlight.add(new Flight(pool.submit(() -> analyse(analyzer, chunk)), bytes));
            pendingBytes += bytes;
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
            } else if (json != null) {
              writeJson(json, r.name(), r.message(), r.analysis());
              json.flush();
              out.write('\n');
            } else {
              writeText(text, r.name(), r.message(), r.analysis());
            }
          }
        }
      }
    }
    pool.shutdown();
    if (json != null) {
      json.flush();
    }
    if (text != null) {
      text.flush();
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private static final int CHUNK = 8;

  /** A run closes early at this many bytes of messages already read (from an mbox). */
  private static final long CHUNK_BYTES = 1 << 20;

  private static final int IN_FLIGHT = 32;

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
        byte[] bytes = m.bytes() != null ? m.bytes() : read(m.file());
        out.add(new Result(m.name(), m.message(), analyzer.analyze(bytes), null));
      } catch (IOException e) {
        out.add(new Result(m.name(), m.message(), null, e.getMessage()));
      }
    }
    return out;
  }

  /** One reusable read buffer per worker: most messages fit, and are read in one call. */
  private static final ThreadLocal<byte[]> READ_BUFFER =
      ThreadLocal.withInitial(() -> new byte[256 * 1024]);

  /**
   * A file's bytes, at most one past {@code --max-bytes} (so the analyzer still sees that it was
   * cut). Three system calls for a file that fits the buffer (open, read, close) where {@link
   * Files#readAllBytes} makes five: on a directory of small messages those calls are a tenth of the
   * run's CPU time. A read that returns less than asked is the end of a regular file.
   */
  private byte[] read(Path f) throws IOException {
    byte[] buf = READ_BUFFER.get();
    long limit = (long) maxBytes + 1;
    try (FileInputStream in = new FileInputStream(f.toFile())) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, limit));
      if (n < 0) {
        return new byte[0];
      }
      if (n < buf.length || n == limit) {
        return Arrays.copyOf(buf, n);
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream(buf.length * 2);
      all.write(buf, 0, n);
      byte[] rest = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit - n));
      all.write(rest, 0, rest.length);
      return all.toByteArray();
    }
  }

  static void writeJson(JsonGenerator g, String file, int message, Analysis a) throws IOException {
    g.writeStartObject();
    g.writeStringField("file", file);
    if (message > 0) {
      g.writeNumberField("message", message);
    }
    g.writeStringField("kind", a.kind().label());
    g.writeArrayFieldStart("recipients");
    for (Recipient r : a.recipients()) {
      g.writeStartObject();
      g.writeStringField("address", r.address());
      g.writeStringField("action", r.action());
      g.writeStringField("status", r.status());
      g.writeStringField("replyCode", r.replyCode());
      g.writeStringField("reason", r.reason());
      g.writeStringField("diagnostic", r.diagnostic());
      g.writeStringField("remoteMta", r.remoteMta());
      g.writeStringField("command", r.command());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("original");
    g.writeStringField("messageId", a.original().messageId());
    g.writeStringField("from", a.original().from());
    g.writeStringField("sender", a.original().sender());
    g.writeStringField("subject", a.original().subject());
    g.writeStringField("date", a.original().date());
    g.writeArrayFieldStart("received");
    for (Hop h : a.original().received()) {
      g.writeStartObject();
      g.writeStringField("from", h.fromHost());
      g.writeStringField("ip", h.ip());
      g.writeStringField("by", h.byHost());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeStringField("reportingMta", a.reportingMta());
    g.writeArrayFieldStart("evidence");
    for (String e : a.evidence()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeText(PrintStream out, String file, int message, Analysis a) {
    out.println(file + (message > 0 ? " (message " + message + ")" : "") + ": " + a.kind().label());
    for (Recipient r : a.recipients()) {
      out.println(
          "  recipient "
              + r.address()
              + "  status="
              + r.status()
              + "  reason="
              + r.reason()
              + (r.replyCode() == null ? "" : "  reply=" + r.replyCode())
              + (r.remoteMta() == null ? "" : "  remote=" + r.remoteMta()));
      if (r.diagnostic() != null && !r.diagnostic().isBlank()) {
        String d = r.diagnostic().replace('\n', ' ');
        out.println("    " + (d.length() > 160 ? d.substring(0, 160) + "..." : d));
      }
    }
    var o = a.original();
    if (o.sender() != null || o.messageId() != null) {
      out.println(
          "  original sender=" + o.sender() + " from=" + o.from() + " message-id=" + o.messageId());
    }
    if (a.reportingMta() != null) {
      out.println("  reporting-mta " + a.reportingMta());
    }
    out.println("  evidence " + String.join(", ", a.evidence()));
  }
}
