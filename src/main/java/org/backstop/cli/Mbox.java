package org.backstop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a mailbox in mbox format (RFC 4155, with the mboxo and mboxrd quoting) into its messages,
 * read as a stream so that a mailbox of any size takes memory for one message only. Each message
 * starts after a line beginning "From " (the envelope line, which is no part of the message); a
 * line of one or more '&gt;' before "From " loses one (mboxrd); the blank line that ends each
 * message in the file is the format's, not the message's. A message longer than the limit keeps its
 * first {@code limit + 1} bytes, so the analyzer sees and marks the cut.
 */
final class Mbox {
  private static final byte[] FROM = {'F', 'r', 'o', 'm', ' '};

  private final InputStream in;
  private final int limit;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int end;
  private boolean eof;

  /**
   * The line being read, kept to {@link #maxLine} bytes: what a message can keep of a line, and the
   * few bytes that tell an envelope or a quoted one.
   */
  private byte[] line = new byte[1024];

  private int lineLen;
  private final int maxLine;

  /** Whether the stream's first line, the first envelope, has been read. */
  private boolean started;

  /** Whether the stream is over and its last message given out. */
  private boolean done;

  /**
   * A reader of {@code in}, which must start with an envelope line (see {@link #startsMbox}).
   *
   * @param limit the largest message the analyzer reads; longer ones are cut at one byte more
   */
  Mbox(InputStream in, int limit) {
    this.in = in;
    this.limit = limit;
    this.maxLine = limit + 16;
  }

  /** Whether these first bytes of a file or stream are those of an mbox: an envelope line. */
  static boolean startsMbox(byte[] head, int n) {
    return n >= FROM.length && Arrays.equals(head, 0, FROM.length, FROM, 0, FROM.length);
  }

  /** The next message's bytes, or null after the last. */
  byte[] next() throws IOException {
    if (!started) {
      // The first call: the stream's first line is the first envelope.
      started = true;
      done = !readLine();
    }
    if (done) {
      return null;
    }
    byte[] msg = new byte[4096];
    int len = 0;
    while (readLine()) {
      if (startsWith(line, lineLen, FROM)) {
        return finish(msg, len);
      }
      int from = quotedFrom(line, lineLen) ? 1 : 0;
      int take = Math.min(lineLen - from, limit + 1 - len);
      if (take > 0) {
        if (len + take > msg.length) {
          msg = Arrays.copyOf(msg, Math.max(len + take, Math.min(limit + 1, msg.length * 2)));
        }
        System.arraycopy(line, from, msg, len, take);
        len += take;
      }
    }
    done = true;
    return finish(msg, len);
  }

  /** The message without the blank line that separates it from the next envelope. */
  private byte[] finish(byte[] msg, int len) {
    int n = len;
    if (n >= 2 && msg[n - 1] == '\n' && msg[n - 2] == '\n') {
      n--;
    } else if (n >= 4
        && msg[n - 1] == '\n'
        && msg[n - 2] == '\r'
        && msg[n - 3] == '\n'
        && msg[n - 4] == '\r') {
      n -= 2;
    }
    return Arrays.copyOf(msg, n);
  }

  /** "&gt;From ", "&gt;&gt;From " ...: quoted by mboxrd, or by mboxo for the single '&gt;'. */
  private static boolean quotedFrom(byte[] b, int n) {
    int i = 0;
    while (i < n && b[i] == '>') {
      i++;
    }
    return i > 0 && n - i >= FROM.length && Arrays.equals(b, i, i + FROM.length, FROM, 0, 5);
  }

  private static boolean startsWith(byte[] b, int n, byte[] prefix) {
    return n >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Reads one line, with its line ending, into {@link #line}; false at the end of the stream. */
  private boolean readLine() throws IOException {
    lineLen = 0;
    boolean read = false;
    while (true) {
      if (pos >= end) {
        if (eof || !fill()) {
          return read;
        }
      }
      read = true;
      int i = pos;
      while (i < end && buf[i] != '\n') {
        i++;
      }
      boolean done = i < end;
      int stop = done ? i + 1 : end;
      append(pos, stop);
      pos = stop;
      if (done) {
        return true;
      }
    }
  }

  private void append(int from, int to) {
    int n = Math.min(to - from, maxLine - lineLen);
    if (n <= 0) {
      return;
    }
    if (lineLen + n > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLine, Math.max(lineLen + n, line.length * 2)));
    }
    System.arraycopy(buf, from, line, lineLen, n);
    lineLen += n;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }
}
