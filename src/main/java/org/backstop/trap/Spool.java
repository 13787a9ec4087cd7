package org.backstop.trap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.backstop.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool. Each transaction is one file {@code ID.msg}: a line of JSON with the envelope,
 * then the raw message (nothing for a callout). It is written as {@code ID.msg.tmp}, fsynced,
 * renamed, and the directory fsynced (shared with concurrent sessions) before the caller may answer
 * 250: one file fsync per message, because a second file for the envelope would double the fsyncs
 * on the critical path. For the sink, the raw message is copied out to {@code ID.eml} at hand-over;
 * that copy needs no fsync, since the {@code .msg} file can always make it again.
 */
final class Spool {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SPOOLED = ".msg";
  static final String MESSAGE = ".eml";
  static final String TEMP = ".tmp";
  private static final int MAX_ENVELOPE = 1 << 20;

  /** The message was larger than the limit; nothing was spooled. */
  static final class TooLargeException extends Exception {
    TooLargeException(long limit) {
      super("message larger than " + limit + " bytes");
    }
  }

  /** Writing to the spool failed (disk full, permissions): answer with a temporary error. */
  static final class SpoolException extends IOException {
    SpoolException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Path dir;
  private final DirectorySync dirSync;

  Spool(Path dir) throws IOException {
    this(dir, new DirectorySync(dir));
  }

  Spool(Path dir, DirectorySync dirSync) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.dirSync = dirSync;
  }

  /** A new id: milliseconds then 64 random bits, so names sort by time and never collide. */
  static String newId(Instant now) {
    // Not a secret, only unique: 64 random bits within one millisecond never collide in practice.
    long r = ThreadLocalRandom.current().nextLong();
    return String.format("%013d", now.toEpochMilli()) + "-" + HexFormat.of().toHexDigits(r);
  }

  /**
   * Copies the message from {@code data} (until end of stream) and commits it with its envelope.
   * Reads the whole stream even when it is too large, so the SMTP dialogue stays in step.
   *
   * @throws TooLargeException when the message exceeds {@code maxBytes}
   * @throws SpoolException when the spool cannot be written
   * @throws IOException when reading from the client fails
   */
  TrapDelivery writeMessage(TrapDelivery envelope, InputStream data, long maxBytes)
      throws IOException, TooLargeException {
    TrapDelivery d = withMessage(envelope, false);
    Path tmp = dir.resolve(d.id() + SPOOLED + TEMP);
    try {
      long total = 0;
      try (FileChannel ch = create(tmp)) {
        writeEnvelope(ch, d);
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = data.read(buf)) >= 0) { // an IOException here is the client's
          total += n;
          if (total > maxBytes) {
            drain(data, total, maxBytes);
            throw new TooLargeException(maxBytes);
          }
          writeAll(ch, buf, n);
        }
        force(ch);
      }
      commit(tmp, d.id());
      return d;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Commits a callout: an envelope without a message. */
  TrapDelivery writeCallout(TrapDelivery callout) throws IOException {
    TrapDelivery d = withMessage(callout, true);
    Path tmp = dir.resolve(d.id() + SPOOLED + TEMP);
    try {
      try (FileChannel ch = create(tmp)) {
        writeEnvelope(ch, d);
        force(ch);
      }
      commit(tmp, d.id());
      return d;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private TrapDelivery withMessage(TrapDelivery e, boolean callout) {
    return new TrapDelivery(
        e.id(),
        e.receivedAt(),
        e.client(),
        e.helo(),
        e.mailFrom(),
        e.recipients(),
        callout ? null : dir.resolve(e.id() + MESSAGE),
        callout);
  }

  private void commit(Path tmp, String id) throws SpoolException {
    try {
      Files.move(tmp, dir.resolve(id + SPOOLED), StandardCopyOption.ATOMIC_MOVE);
      dirSync.sync();
    } catch (IOException e) {
      throw new SpoolException("cannot commit " + id + " to the spool " + dir, e);
    }
  }

  private static void writeEnvelope(FileChannel ch, TrapDelivery d) throws SpoolException {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(toJson(d)); // one line: JSON escapes control characters
    } catch (IOException e) {
      throw new SpoolException("cannot encode the envelope", e);
    }
    writeAll(ch, json, json.length);
    writeAll(ch, new byte[] {'\n'}, 1);
  }

  private static FileChannel create(Path tmp) throws SpoolException {
    try {
      return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new SpoolException("cannot create " + tmp, e);
    }
  }

  private static void writeAll(FileChannel ch, byte[] buf, int n) throws SpoolException {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
    try {
      while (b.hasRemaining()) {
        ch.write(b);
      }
    } catch (IOException e) {
      throw new SpoolException("cannot write to the spool", e);
    }
  }

  private static void force(FileChannel ch) throws SpoolException {
    try {
      ch.force(true);
    } catch (IOException e) {
      throw new SpoolException("cannot fsync a spool file", e);
    }
  }

  /** Discards the rest of an oversize message, but not without end: past 4x the limit, give up. */
  private static void drain(InputStream data, long read, long maxBytes) throws IOException {
    long budget = Math.max(maxBytes, 1) * 4 - read;
    byte[] buf = new byte[64 * 1024];
    int n;
    while (budget >= 0 && (n = data.read(buf)) >= 0) {
      budget -= n;
    }
    if (budget < 0) {
      throw new IOException("client kept sending far past the size limit");
    }
  }

  /** True while the delivery is committed and not yet removed. */
  boolean isCommitted(String id) {
    return Files.exists(dir.resolve(id + SPOOLED));
  }

  /**
   * Makes {@link TrapDelivery#message()} exist for the sink: copies the raw message out of the
   * spool file to {@code ID.eml} (written as a temporary file and renamed, so a reader never sees
   * half of it).
   */
  void prepare(TrapDelivery d) throws IOException {
    if (d.callout()) {
      return;
    }
    Path tmp = dir.resolve(d.id() + MESSAGE + TEMP);
    try (FileChannel from = FileChannel.open(dir.resolve(d.id() + SPOOLED));
        FileChannel to =
            FileChannel.open(
                tmp,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      long start = headerLength(from);
      // transferTo lets the kernel copy (copy_file_range) instead of a round trip through Java.
      long size = from.size();
      for (long pos = start; pos < size; ) {
        pos += from.transferTo(pos, size - pos, to);
      }
    }
    try {
      Files.move(
          tmp, d.message(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The length of the envelope line, its newline included. */
  private static long headerLength(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    long pos = 0;
    while (pos < MAX_ENVELOPE) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buf.get(i) == '\n') {
          return pos + i + 1;
        }
      }
      pos += n;
    }
    throw new IOException("spool file has no envelope line");
  }

  /** Removes a handed-over delivery: the spool file (the commit), then the sink's copy. */
  void remove(String id) throws IOException {
    Files.deleteIfExists(dir.resolve(id + SPOOLED));
    Files.deleteIfExists(dir.resolve(id + MESSAGE));
  }

  /**
   * Deletes what a crash left behind: temporary files and the sink's copies (made again on
   * hand-over). Only safe before the server accepts sessions.
   */
  int removeDebris() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if ((name.endsWith(TEMP) || name.endsWith(MESSAGE)) && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** The committed deliveries, oldest first; unreadable files are logged and skipped. */
  List<TrapDelivery> committed() throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SPOOLED)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        ids.add(name.substring(0, name.length() - SPOOLED.length()));
      }
    }
    ids.sort(null);
    List<TrapDelivery> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      read(id).ifPresent(out::add);
    }
    return out;
  }

  /** Reads one committed envelope; empty when it was removed meanwhile or is unreadable. */
  Optional<TrapDelivery> read(String id) {
    Path file = dir.resolve(id + SPOOLED);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return Optional.of(fromJson(id, JSON.readTree(readLine(in))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      log.error("unreadable spool file {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  private static byte[] readLine(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0 || line.size() >= MAX_ENVELOPE) {
        throw new IOException("spool file has no envelope line");
      }
      line.write(b);
    }
    return line.toByteArray();
  }

  private static ObjectNode toJson(TrapDelivery d) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", d.id());
    o.put("receivedAt", d.receivedAt().toString());
    o.put("client", d.client().toString());
    o.put("helo", d.helo());
    o.put("mailFrom", d.mailFrom());
    d.recipients().forEach(o.putArray("recipients")::add);
    o.put("callout", d.callout());
    return o;
  }

  private TrapDelivery fromJson(String id, JsonNode o) {
    List<String> rcpts = new ArrayList<>();
    o.path("recipients").forEach(r -> rcpts.add(r.asText()));
    boolean callout = o.path("callout").asBoolean();
    return new TrapDelivery(
        id,
        Instant.parse(o.path("receivedAt").asText()),
        IpAddress.parse(o.path("client").asText()),
        o.path("helo").asText(""),
        o.path("mailFrom").asText(""),
        rcpts,
        callout ? null : dir.resolve(id + MESSAGE),
        callout);
  }
}
