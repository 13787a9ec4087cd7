package org.backstop.trap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import org.backstop.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool: an append-only log of transactions in segment files {@code SEQ.log}. A record
 * is a 16-byte header (magic, length, envelope length, CRC-32C of the rest), a line of JSON with
 * the envelope, then the raw message (nothing for a callout). A session appends its record and then
 * waits for an fdatasync of the segment that began after its write ({@link GroupCommit}): sessions
 * that finish their DATA while one fsync runs share the next, so a flood from many connections
 * costs one fsync per group instead of one per message, and the client hears 250 only once its
 * record is on disk. A new segment is created, and the directory fsynced, before any record goes
 * into it.
 *
 * <p>A segment is deleted once no longer written (it reached {@code segmentBytes}, or everything in
 * it was handed over and the courier found nothing more to do) and every record in it was handed
 * over. On open, every segment left by an earlier run is read back, record by record up to the
 * first that is cut short or fails its checksum (a crash in the middle of a write: nothing after it
 * was acknowledged, since an fsync makes everything before it durable too), and all of its records
 * are offered again; the sink is idempotent on the id, so records handed over before the crash are
 * not stored twice.
 *
 * <p>Hand-written rather than an embedded database: the only operations are append, group fsync,
 * read back by position and delete a whole segment, and each is a few lines over {@link
 * FileChannel}.
 */
final class Spool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SEGMENT = ".log";
  static final String TEMP = ".tmp";
  static final long DEFAULT_SEGMENT_BYTES = 4L << 20;
  private static final int MAGIC = 0x42535031; // "BSP1"
  private static final int HEADER = 16;
  private static final int MAX_ENVELOPE = 1 << 20;

  /** Larger messages go to a temporary file while they arrive, so sessions stay small in memory. */
  private static final int IN_MEMORY = 1 << 20;

  /** Messages kept in memory for the courier, all together; the rest is read back from disk. */
  private static final long HELD_LIMIT = 64L << 20;

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

  /** The spool's fsyncs, in one place so tests can observe, delay or fail them. */
  static class Fsyncs {
    /** Makes what was written to a segment durable (fdatasync: size included, times not). */
    void segment(FileChannel segment) throws IOException {
      segment.force(false);
    }

    /** Makes a new segment's directory entry durable. */
    void directory(Path dir) throws IOException {
      try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }
  }

  /** Where a record lies: unique within a spool directory, across restarts too. */
  record Location(long segment, long offset) {}

  /** A committed record: its envelope, where it lies, and perhaps its message in memory. */
  static final class Entry {
    private final TrapDelivery envelope;
    private final Segment segment;
    private final long offset;
    private final long messageOffset;
    private final int messageLength;
    private byte[] held;

    private Entry(
        TrapDelivery envelope,
        Segment segment,
        long offset,
        int envelopeLength,
        int messageLength) {
      this.envelope = envelope;
      this.segment = segment;
      this.offset = offset;
      this.messageOffset = offset + HEADER + envelopeLength;
      this.messageLength = messageLength;
    }

    String id() {
      return envelope.id();
    }

    /** The envelope; its message is null. */
    TrapDelivery envelope() {
      return envelope;
    }

    Location location() {
      return new Location(segment.seq, offset);
    }

    /** The message's length in bytes (0 for a callout). */
    int messageLength() {
      return messageLength;
    }
  }

  private static final class Segment {
    final long seq;
    final Path path;
    final FileChannel ch;

    /** Durable records not handed over yet, by offset: what a rescan offers. */
    final NavigableSet<Long> pending = new ConcurrentSkipListSet<>();

    /** Records written and neither handed over nor refused: the segment stays while any are. */
    final AtomicInteger outstanding = new AtomicInteger();

    long size; // guarded by the write lock
    volatile boolean sealed; // no more appends
    volatile boolean broken; // a write failed: roll before the next append
    volatile boolean fsyncFailed; // nothing written so far may be trusted to be on disk
    boolean deleted; // guarded by this

    Segment(long seq, Path path, FileChannel ch) {
      this.seq = seq;
      this.path = path;
      this.ch = ch;
    }
  }

  private final Path dir;
  private final Fsyncs fsyncs;
  private final long segmentBytes;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Map<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final GroupCommit commit = new GroupCommit(this::forceCurrent);
  private final AtomicLong held = new AtomicLong();
  private volatile Segment current; // null: the next append creates a segment
  private long nextSeq = 1; // guarded by the write lock
  private int recovered;
  private int debris;

  Spool(Path dir) throws IOException {
    this(dir, new Fsyncs(), DEFAULT_SEGMENT_BYTES);
  }

  /** Opens the spool: removes half-written temporary files and reads back what is committed. */
  Spool(Path dir, Fsyncs fsyncs, long segmentBytes) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.fsyncs = fsyncs;
    this.segmentBytes = segmentBytes;
    recover();
  }

  /** A new id: milliseconds then 64 random bits, so ids sort by time and never collide. */
  private static final HexFormat HEX = HexFormat.of();

  static String newId(Instant now) {
    // Not a secret, only unique: 64 random bits within one millisecond never collide in practice.
    long r = ThreadLocalRandom.current().nextLong();
    // Zero-padded by hand: String.format was a tenth of a session's CPU in bench/trap.sh.
    String millis = Long.toString(now.toEpochMilli());
    return "0".repeat(Math.max(0, 13 - millis.length())) + millis + "-" + HEX.toHexDigits(r);
  }

  /** Records found in the spool on open (to be handed over again). */
  int recovered() {
    return recovered;
  }

  /** Temporary files from a crash deleted on open. */
  int debris() {
    return debris;
  }

  /**
   * Copies the message from {@code data} (until end of stream) and commits it with its envelope;
   * returns once it is durable. Reads the whole stream even when it is too large, so the SMTP
   * dialogue stays in step.
   *
   * @throws TooLargeException when the message exceeds {@code maxBytes}
   * @throws SpoolException when the spool cannot be written
   * @throws IOException when reading from the client fails
   */
  Entry writeMessage(TrapDelivery envelope, InputStream data, long maxBytes)
      throws IOException, TooLargeException {
    Record r = new Record(envelope(envelope, false));
    try {
      r.readMessage(data, maxBytes);
      return append(r);
    } finally {
      r.discard();
    }
  }

  /** Commits a callout: an envelope without a message; returns once it is durable. */
  Entry writeCallout(TrapDelivery callout) throws IOException {
    Record r = new Record(envelope(callout, true));
    try {
      return append(r);
    } finally {
      r.discard();
    }
  }

  private static TrapDelivery envelope(TrapDelivery e, boolean callout) {
    return new TrapDelivery(
        e.id(), e.receivedAt(), e.client(), e.helo(), e.mailFrom(), e.recipients(), null, callout);
  }

  /**
   * A record being received: header and envelope first, then the message, in one array while it is
   * small (so the append is one write), spilled to a temporary file once it is not.
   */
  private final class Record {
    final TrapDelivery envelope;
    final int envelopeLength;
    final CRC32C crc = new CRC32C();
    byte[] buf;
    int length; // bytes used in buf, header included
    Path spillPath;
    FileChannel spill;
    long spilled;

    Record(TrapDelivery envelope) throws SpoolException {
      this.envelope = envelope;
      byte[] json;
      try {
        json = toJson(envelope);
      } catch (IOException e) {
        throw new SpoolException("cannot encode the envelope", e);
      }
      envelopeLength = json.length + 1;
      buf = new byte[Math.max(HEADER + envelopeLength + 4096, 8192)];
      System.arraycopy(json, 0, buf, HEADER, json.length);
      buf[HEADER + json.length] = '\n';
      length = HEADER + envelopeLength;
      crc.update(buf, HEADER, envelopeLength);
    }

    long messageLength() {
      return length - HEADER - envelopeLength + spilled;
    }

    void readMessage(InputStream data, long maxBytes) throws IOException, TooLargeException {
      long total = 0;
      while (true) {
        if (length == buf.length) {
          if (buf.length - HEADER - envelopeLength < IN_MEMORY) {
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, HEADER + envelopeLength + IN_MEMORY));
          } else {
            spill();
          }
        }
        int start = length;
        int n = data.read(buf, start, buf.length - start); // an IOException here is the client's
        if (n < 0) {
          return;
        }
        total += n;
        if (total > maxBytes) {
          drain(data, total, maxBytes);
          throw new TooLargeException(maxBytes);
        }
        crc.update(buf, start, n);
        length += n;
      }
    }

    /** Moves the message bytes in memory to the temporary file; keeps header and envelope. */
    private void spill() throws SpoolException {
      try {
        if (spill == null) {
          spillPath = dir.resolve(envelope.id() + TEMP);
          spill =
              FileChannel.open(
                  spillPath,
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.READ,
                  StandardOpenOption.WRITE);
        }
        int from = HEADER + envelopeLength;
        writeFully(spill, ByteBuffer.wrap(buf, from, length - from), spilled);
        spilled += length - from;
        length = from;
      } catch (IOException e) {
        throw new SpoolException("cannot write to the spool", e);
      }
    }

    /** The message, if it is all in memory. */
    byte[] message() {
      return spill != null ? null : Arrays.copyOfRange(buf, HEADER + envelopeLength, length);
    }

    /** Writes the record at {@code pos}; returns its length on disk. */
    long writeTo(FileChannel ch, long pos) throws IOException {
      long recordLength = envelopeLength + messageLength();
      if (recordLength > Integer.MAX_VALUE) {
        throw new IOException("record too large");
      }
      ByteBuffer.wrap(buf, 0, HEADER)
          .putInt(MAGIC)
          .putInt((int) recordLength)
          .putInt(envelopeLength)
          .putInt((int) crc.getValue());
      if (spill == null) {
        writeFully(ch, ByteBuffer.wrap(buf, 0, length), pos);
        return length;
      }
      int head = HEADER + envelopeLength;
      writeFully(ch, ByteBuffer.wrap(buf, 0, head), pos);
      writeFully(ch, ByteBuffer.wrap(buf, head, length - head), pos + head + spilled);
      for (long done = 0; done < spilled; ) {
        long n = spill.transferTo(done, spilled - done, ch.position(pos + head + done));
        if (n <= 0) {
          throw new IOException("short copy from the temporary file");
        }
        done += n;
      }
      return HEADER + recordLength;
    }

    void discard() throws IOException {
      if (spill != null) {
        spill.close();
        Files.deleteIfExists(spillPath);
      }
    }
  }

  private Entry append(Record r) throws SpoolException {
    Segment s;
    long pos;
    writeLock.lock();
    try {
      s = writable();
      pos = s.size;
      try {
        s.size = pos + r.writeTo(s.ch, pos);
      } catch (IOException e) {
        s.broken = true; // whatever part of the record reached the file, nothing follows it
        try {
          s.ch.truncate(pos);
        } catch (IOException ignored) {
          // the reader stops at the torn record anyway
        }
        throw new SpoolException("cannot write to the spool segment " + s.path, e);
      }
      s.outstanding.incrementAndGet();
    } finally {
      writeLock.unlock();
    }
    try {
      commit.sync();
      if (s.fsyncFailed) {
        throw new IOException("an fsync of " + s.path + " failed");
      }
    } catch (IOException e) {
      release(s); // never acknowledged, so never handed over in this run
      throw new SpoolException("cannot fsync the spool segment " + s.path, e);
    }
    Entry entry = new Entry(r.envelope, s, pos, r.envelopeLength, (int) r.messageLength());
    if (!r.envelope.callout() && held.addAndGet(entry.messageLength) <= HELD_LIMIT) {
      entry.held = r.message();
    }
    if (entry.held == null && !r.envelope.callout()) {
      held.addAndGet(-entry.messageLength);
    }
    s.pending.add(pos);
    return entry;
  }

  /** The segment to append to; rolls to a new one when it is full or broken. */
  private Segment writable() throws SpoolException {
    Segment s = current;
    if (s != null && !s.broken && s.size < segmentBytes) {
      return s;
    }
    if (s != null) {
      seal(s);
    }
    long seq = nextSeq++;
    Path path = dir.resolve(String.format("%016d", seq) + SEGMENT);
    FileChannel ch = null;
    try {
      ch =
          FileChannel.open(
              path,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      fsyncs.directory(dir);
    } catch (IOException e) {
      try {
        if (ch != null) {
          ch.close();
        }
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // nothing was written to it; a leftover empty segment is read as empty
      }
      throw new SpoolException("cannot create the spool segment " + path, e);
    }
    s = new Segment(seq, path, ch);
    segments.put(seq, s);
    current = s;
    return s;
  }

  /**
   * Ends appends to {@code s}: fsyncs what may not be durable yet (the sessions waiting on it see a
   * failure through {@code fsyncFailed}), then deletes it if everything in it was handed over.
   * Called with the write lock held.
   */
  private void seal(Segment s) {
    s.sealed = true;
    if (s.outstanding.get() > 0 && !s.fsyncFailed) {
      try {
        fsyncs.segment(s.ch);
      } catch (IOException e) {
        s.fsyncFailed = true;
        log.error("cannot fsync the spool segment {}", s.path, e);
      }
    }
    // Only now: a group fsync that finds no current segment relies on this one having been done.
    current = null;
    deleteIfDone(s);
  }

  /** The group commit's fsync: the segment being written, which holds every unsynced record. */
  private void forceCurrent() throws IOException {
    Segment s = current;
    if (s == null) {
      return; // the last one was sealed, and sealing fsynced it
    }
    try {
      fsyncs.segment(s.ch);
    } catch (ClosedChannelException e) {
      if (!s.sealed) {
        throw e;
      }
    } catch (IOException e) {
      s.fsyncFailed = true;
      s.broken = true;
      throw e;
    }
  }

  /** True while the record is durable and not handed over. */
  boolean isPending(Entry e) {
    return e.segment.pending.contains(e.offset);
  }

  /** The delivery for the sink, with its message, from memory or read back from the segment. */
  TrapDelivery delivery(Entry e) throws IOException {
    TrapDelivery env = e.envelope;
    if (env.callout()) {
      return env;
    }
    byte[] message;
    synchronized (e) {
      message = e.held;
      e.held = null;
    }
    if (message != null) {
      held.addAndGet(-e.messageLength);
    } else {
      message = new byte[e.messageLength];
      readFully(e.segment.ch, ByteBuffer.wrap(message), e.messageOffset);
    }
    return new TrapDelivery(
        env.id(),
        env.receivedAt(),
        env.client(),
        env.helo(),
        env.mailFrom(),
        env.recipients(),
        message,
        false);
  }

  /** Marks a record handed over; deletes its segment once nothing in it is left. */
  void remove(Entry e) {
    forget(e);
    if (e.segment.pending.remove(e.offset)) {
      release(e.segment);
    }
  }

  /**
   * Lets go of the message held in memory for {@code e}, if any: it is read from disk if needed.
   */
  void forget(Entry e) {
    synchronized (e) {
      if (e.held != null) {
        held.addAndGet(-e.messageLength);
        e.held = null;
      }
    }
  }

  private void release(Segment s) {
    if (s.outstanding.decrementAndGet() == 0 && s.sealed) {
      deleteIfDone(s);
    }
  }

  private void deleteIfDone(Segment s) {
    synchronized (s) {
      if (s.deleted || !s.sealed || s.outstanding.get() > 0) {
        return;
      }
      s.deleted = true;
    }
    segments.remove(s.seq);
    try {
      s.ch.close();
      Files.deleteIfExists(s.path);
    } catch (IOException e) {
      // Harmless: on the next start its records are replayed and the sink ignores them.
      log.warn("cannot delete the spool segment {}: {}", s.path, e.toString());
    }
  }

  /**
   * When everything written was handed over, ends the segment being written so it is deleted: an
   * idle trap leaves an empty spool. Cheap when there is nothing to do.
   */
  void rollIfIdle() {
    if (!writeLock.tryLock()) {
      return; // a session is appending: not idle
    }
    try {
      Segment s = current;
      if (s != null && s.outstanding.get() == 0) {
        seal(s);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Offers the pending records, oldest first, each not {@code skip}ped to {@code offer} until it
   * returns false. Envelopes are read back from disk; messages are not.
   */
  void forEachPending(Predicate<Location> skip, Predicate<Entry> offer) throws IOException {
    for (Segment s : List.copyOf(segments.values())) {
      for (long offset : s.pending) {
        if (skip.test(new Location(s.seq, offset))) {
          continue;
        }
        Entry e;
        try {
          e = readEntry(s, offset);
        } catch (ClosedChannelException gone) {
          break; // everything in it was handed over meanwhile
        } catch (IOException bad) {
          log.error("unreadable record at {} in {}: {}", offset, s.path, bad.toString());
          continue;
        }
        if (!offer.test(e)) {
          return;
        }
      }
    }
  }

  /** The number of records durable and not handed over. */
  int pendingCount() {
    int n = 0;
    for (Segment s : segments.values()) {
      n += s.pending.size();
    }
    return n;
  }

  private static Entry readEntry(Segment s, long offset) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    readFully(s.ch, h, offset);
    int recordLength = h.getInt(4);
    int envelopeLength = h.getInt(8);
    byte[] env = new byte[envelopeLength - 1];
    readFully(s.ch, ByteBuffer.wrap(env), offset + HEADER);
    return new Entry(
        fromJson(JSON.readTree(env)), s, offset, envelopeLength, recordLength - envelopeLength);
  }

  /** Reads back every segment an earlier run left; see the class comment. */
  private void recover() throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (name.endsWith(TEMP)) {
          Files.deleteIfExists(p);
          debris++;
        } else if (name.endsWith(SEGMENT)) {
          found.add(p);
        }
      }
    }
    found.sort(null);
    for (Path p : found) {
      String name = p.getFileName().toString();
      long seq;
      try {
        seq = Long.parseLong(name.substring(0, name.length() - SEGMENT.length()));
      } catch (NumberFormatException e) {
        log.warn("ignoring {} in the trap spool: not a segment name", p);
        continue;
      }
      nextSeq = Math.max(nextSeq, seq + 1);
      Segment s =
          new Segment(
              seq, p, FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE));
      s.sealed = true;
      scan(s);
      recovered += s.outstanding.get();
      if (s.outstanding.get() == 0) {
        deleteIfDone(s);
      } else {
        segments.put(seq, s);
      }
    }
  }

  /** Registers every whole record of a segment, up to the first that is not. */
  private static void scan(Segment s) throws IOException {
    long size = s.ch.size();
    long pos = 0;
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    while (pos < size) {
      String problem = null;
      h.clear();
      if (size - pos < HEADER) {
        problem = "a cut-off header";
      } else {
        readFully(s.ch, h, pos);
        int recordLength = h.getInt(4);
        int envelopeLength = h.getInt(8);
        if (h.getInt(0) != MAGIC) {
          problem = "no record header";
        } else if (envelopeLength < 2
            || envelopeLength > MAX_ENVELOPE
            || recordLength < envelopeLength
            || recordLength > size - pos - HEADER) {
          problem = "a cut-off record";
        } else {
          CRC32C crc = new CRC32C();
          for (long at = pos + HEADER, end = at + recordLength; at < end; ) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - at));
            readFully(s.ch, chunk, at);
            chunk.flip();
            crc.update(chunk);
            at += chunk.limit();
          }
          if ((int) crc.getValue() != h.getInt(12)) {
            problem = "a checksum mismatch";
          } else {
            try {
              readEntry(s, pos);
              s.pending.add(pos);
              s.outstanding.incrementAndGet();
            } catch (IOException e) {
              // Whole, yet unreadable: only a bug writes that. Keep the segment's other records.
              log.error("skipping an unreadable record at {} in {}: {}", pos, s.path, e.toString());
            }
            pos += HEADER + recordLength;
            continue;
          }
        }
      }
      log.warn(
          "trap spool {}: {} at offset {}; the last {} bytes are not a whole record (a crash"
              + " during a write, never acknowledged) and are ignored",
          s.path,
          problem,
          pos,
          size - pos);
      return;
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        throw new IOException("spool segment ends inside a record");
      }
      pos += n;
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

  /** Ends the segment being written (deleted if everything was handed over) and closes files. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (current != null) {
        seal(current);
      }
      for (Segment s : segments.values()) {
        try {
          s.ch.close();
        } catch (IOException e) {
          log.warn("cannot close {}: {}", s.path, e.toString());
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** The envelope as one line of JSON (JSON escapes control characters), streamed: no tree. */
  private static byte[] toJson(TrapDelivery d) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", d.id());
      g.writeStringField("receivedAt", d.receivedAt().toString());
      g.writeStringField("client", d.client().toString());
      g.writeStringField("helo", d.helo());
      g.writeStringField("mailFrom", d.mailFrom());
      g.writeArrayFieldStart("recipients");
      for (String r : d.recipients()) {
        g.writeString(r);
      }
      g.writeEndArray();
      g.writeBooleanField("callout", d.callout());
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  static TrapDelivery fromJson(JsonNode o) throws IOException {
    List<String> rcpts = new ArrayList<>();
    o.path("recipients").forEach(r -> rcpts.add(r.asText()));
    try {
      return new TrapDelivery(
          o.path("id").asText(),
          Instant.parse(o.path("receivedAt").asText()),
          IpAddress.parse(o.path("client").asText()),
          o.path("helo").asText(""),
          o.path("mailFrom").asText(""),
          rcpts,
          null,
          o.path("callout").asBoolean());
    } catch (RuntimeException e) {
      throw new IOException("unreadable envelope in the trap spool", e);
    }
  }
}
