package org.backstop.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The messages that the inputs of {@code backstop analyze} name, in order: each file below a
 * directory (one message a file: Maildir, .eml), a file, or standard input; a file or standard
 * input that starts with an mbox envelope line ("From ") is split into its messages ({@link Mbox}).
 * Never throws: a read error becomes an item that carries it, after which the input ends (but for a
 * subdirectory that cannot be listed: the walk goes on past it).
 */
final class Messages implements AutoCloseable {
  /**
   * One message: a file for a worker to read, or bytes already read, or the error met.
   *
   * @param message its position in an mbox from 1, or 0 when the input is not an mbox
   */
  record Item(String name, int message, Path file, byte[] bytes, String error) {
    long size() {
      return bytes == null ? 0 : bytes.length;
    }
  }

  private final Iterator<String> inputs;
  private final int maxBytes;
  private String name;
  private final List<Item> ready = new ArrayList<>();
  private int readyAt;
  private DirectoryWalk walk;
  private Mbox mbox;
  private InputStream mboxStream;
  private boolean ownStream;
  private int count;

  private Messages(List<String> inputs, int maxBytes) {
    this.inputs = inputs.iterator();
    this.maxBytes = maxBytes;
  }

  /**
   * The messages of all {@code inputs} in turn, each "-" for standard input or a path: one
   * sequence, so that the workers go on from one input to the next without waiting.
   */
  static Messages of(List<String> inputs, int maxBytes) {
    return new Messages(inputs, maxBytes);
  }

  /** Makes the next input's messages the ones {@link #next} gives. */
  private void load(String input) {
    name = input;
    ready.clear();
    readyAt = 0;
    count = 0;
    try {
      if (input.equals("-")) {
        open(new BufferedInputStream(System.in, 1 << 16), true);
      } else {
        Path p = Path.of(input);
        if (Files.isDirectory(p)) {
          walk = DirectoryWalk.of(p);
        } else if (isMbox(p)) {
          open(new FileInputStream(p.toFile()), false);
        } else {
          // Read by a worker, which also reports a file that cannot be read.
          ready.add(new Item(input, 0, p, null, null));
        }
      }
    } catch (IOException | RuntimeException e) {
      ready.add(new Item(input, 0, null, null, IoReason.of(e)));
    }
  }

  private static boolean isMbox(Path p) {
    try (InputStream in = new FileInputStream(p.toFile())) {
      byte[] head = in.readNBytes(5);
      return Mbox.startsMbox(head, head.length);
    } catch (IOException e) {
      return false; // the worker's read reports it
    }
  }

  /** Standard input or an mbox file: an mbox is read message by message, else it is one. */
  private void open(InputStream in, boolean stdin) throws IOException {
    InputStream s = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
    s.mark(8);
    byte[] head = s.readNBytes(5);
    s.reset();
    if (Mbox.startsMbox(head, head.length)) {
      mboxStream = s;
      ownStream = !stdin;
      mbox = new Mbox(s, maxBytes);
    } else if (stdin) {
      ready.add(new Item(name, 0, null, s.readNBytes(maxBytes + 1), null));
    }
  }

  /** The next message, or null after the last of the last input. */
  Item next() {
    while (true) {
      if (readyAt < ready.size()) {
        return ready.get(readyAt++);
      }
      if (walk != null) {
        DirectoryWalk.Entry e = walk.next();
        if (e != null) {
          return new Item(
              e.path().toString(), 0, e.error() == null ? e.path() : null, null, e.error());
        }
        walk = null;
      }
      if (mbox != null) {
        try {
          byte[] b = mbox.next();
          if (b != null) {
            return new Item(name, ++count, null, b, null);
          }
          close();
        } catch (IOException e) {
          close();
          return new Item(name, ++count, null, null, IoReason.of(e));
        }
      }
      if (!inputs.hasNext()) {
        return null;
      }
      load(inputs.next());
    }
  }

  @Override
  public void close() {
    mbox = null;
    if (mboxStream != null && ownStream) {
      try {
        mboxStream.close();
      } catch (IOException e) {
        // Read to the end or failed already; nothing left to lose.
      }
    }
    mboxStream = null;
  }

  /**
   * One reusable read buffer per worker, outside the heap: most messages fit and are read in one
   * call, straight into it (a heap array would be read through the JDK's own direct buffer and
   * copied once more). 64 KB: on this project's machines a read asked for 256 KB cost a file a
   * third more than one asked for 64 KB, whatever the file's size.
   */
  private static final ThreadLocal<ByteBuffer> READ_BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

  /**
   * A file's bytes, at most one past {@code maxBytes} (so the analyzer still sees that it was cut).
   * A file that fits the buffer takes one read, where {@link Files#readAllBytes} asks the size
   * first and reads once more to find the end: on a directory of small messages those calls are a
   * tenth of the run's CPU time. A read that returns less than asked is the end of a regular file.
   */
  static byte[] read(Path f, int maxBytes) throws IOException {
    ByteBuffer buf = READ_BUFFER.get();
    long limit = (long) maxBytes + 1;
    // A channel opens with one call; a FileInputStream adds an fstat to refuse directories.
    try (FileChannel ch = FileChannel.open(f)) {
      buf.clear().limit((int) Math.min(buf.capacity(), limit));
      int n = ch.read(buf);
      if (n < 0) {
        return new byte[0];
      }
      byte[] first = new byte[n];
      buf.flip().get(first);
      if (n < buf.capacity() || n == limit) {
        return first;
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream(buf.capacity() * 2);
      all.write(first, 0, n);
      byte[] rest =
          Channels.newInputStream(ch).readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit - n));
      all.write(rest, 0, rest.length);
      return all.toByteArray();
    }
  }
}
