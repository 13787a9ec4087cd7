package org.backstop.trap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.backstop.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool: each transaction becomes {@code ID.eml} (the raw message, absent for a
 * callout) and {@code ID.env} (the envelope, JSON). Both are written as {@code *.tmp}, fsynced,
 * renamed, and the directory fsynced before the caller may answer 250; the {@code .env} rename
 * is the commit point. Removal deletes the {@code .env} first, so a crash never leaves a
 * committed envelope without its message.
 */
final class Spool {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String MESSAGE = ".eml";
  static final String ENVELOPE = ".env";
  static final String TEMP = ".tmp";

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

  Path dir() {
    return dir;
  }

  /** A new id: milliseconds then 64 random bits, so names sort by time and never collide. */
  static String newId(Instant now) {
    byte[] r = new byte[8];
    RANDOM.nextBytes(r);
    return String.format("%013d", now.toEpochMilli()) + "-" + HexFormat.of().formatHex(r);
  }

  /**
   * Copies the message from {@code data} (until end of stream) and commits it with its
   * envelope. Reads the whole stream even when it is too large, so the SMTP dialogue stays in
   * step.
   *
   * @throws TooLargeException when the message exceeds {@code maxBytes}
   * @throws SpoolException when the spool cannot be written
   * @throws IOException when reading from the client fails
   */
  TrapDelivery writeMessage(TrapDelivery envelope, InputStream data, long maxBytes)
      throws IOException, TooLargeException {
    String id = envelope.id();
    Path tmp = dir.resolve(id + MESSAGE + TEMP);
    long total = 0;
    boolean tooLarge = false;
    try {
      try (FileChannel ch = create(tmp)) {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = data.read(buf)) >= 0) { // an IOException here is the client's
          total += n;
          if (total > maxBytes) {
            tooLarge = true;
            break;
          }
          writeAll(ch, buf, n);
        }
        if (!tooLarge) {
          force(ch);
        }
      }
      if (tooLarge) {
        drain(data, total, maxBytes);
        throw new TooLargeException(maxBytes);
      }
      Path message = dir.resolve(id + MESSAGE);
      TrapDelivery d =
          new TrapDelivery(
              id,
              envelope.receivedAt(),
              envelope.client(),
              envelope.helo(),
              envelope.mailFrom(),
              envelope.recipients(),
              message,
              false);
      try {
        move(tmp, message);
      } catch (IOException e) {
        throw new SpoolException("cannot rename " + tmp, e);
      }
      try {
        commitEnvelope(d);
      } catch (SpoolException e) {
        Files.deleteIfExists(message);
        throw e;
      }
      return d;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Commits a callout (no message). */
  TrapDelivery writeCallout(TrapDelivery callout) throws IOException {
    commitEnvelope(callout);
    return callout;
  }

  private void commitEnvelope(TrapDelivery d) throws SpoolException {
    Path tmp = dir.resolve(d.id() + ENVELOPE + TEMP);
    try {
      try (FileChannel ch = create(tmp)) {
        byte[] json = JSON.writeValueAsBytes(toJson(d));
        writeAll(ch, json, json.length);
        ch.force(true);
      }
      move(tmp, dir.resolve(d.id() + ENVELOPE));
      dirSync.sync();
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new SpoolException("cannot commit " + d.id() + " to the spool " + dir, e);
    }
  }

  private FileChannel create(Path tmp) throws SpoolException {
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

  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Discards the rest of an oversize message, but not without end: past 4x the limit, give up. */
  private static void drain(InputStream data, long read, long maxBytes) throws IOException {
    long budget = Math.max(maxBytes, 1) * 4 - read;
    byte[] buf = new byte[64 * 1024];
    int n = 0;
    while (budget >= 0 && (n = data.read(buf)) >= 0) {
      budget -= n;
    }
    if (budget < 0) {
      throw new IOException("client kept sending far past the size limit");
    }
  }

  /** True while the delivery's envelope is committed and not yet removed. */
  boolean isCommitted(String id) {
    return Files.exists(dir.resolve(id + ENVELOPE));
  }

  /** Removes a handed-over delivery: envelope first (the commit point), then the message. */
  void remove(String id) throws IOException {
    Files.deleteIfExists(dir.resolve(id + ENVELOPE));
    Files.deleteIfExists(dir.resolve(id + MESSAGE));
  }

  /**
   * Deletes what a crash left half-written: temporary files, messages without an envelope, and
   * envelopes of messages whose file is gone. Only safe before the server accepts sessions.
   */
  int removeDebris() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        boolean debris =
            name.endsWith(TEMP)
                || name.endsWith(MESSAGE)
                    && !Files.exists(dir.resolve(strip(name, MESSAGE) + ENVELOPE));
        if (debris && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** The committed deliveries, oldest first; unreadable envelopes are logged and skipped. */
  List<TrapDelivery> committed() throws IOException {
    List<String> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ENVELOPE)) {
      for (Path p : files) {
        ids.add(strip(p.getFileName().toString(), ENVELOPE));
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
    Path env = dir.resolve(id + ENVELOPE);
    try {
      TrapDelivery d = fromJson(id, JSON.readTree(Files.readAllBytes(env)));
      if (!d.callout() && !Files.exists(d.message())) {
        log.warn("spool envelope {} has no message file; ignoring it", id);
        return Optional.empty();
      }
      return Optional.of(d);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      log.error("unreadable spool envelope {}: {}", env, e.toString());
      return Optional.empty();
    }
  }

  private static String strip(String name, String suffix) {
    return name.substring(0, name.length() - suffix.length());
  }

  private ObjectNode toJson(TrapDelivery d) {
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
