package org.backstop.filter;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sendmail/Postfix milter wire protocol, version 6: each packet is a 4-byte big-endian length,
 * a one-byte command and its data; strings are NUL-terminated.
 *
 * <p>Hand-written on purpose: there is no maintained Java milter library (the old jilter and its
 * forks are abandoned and predate protocol 6), and the part Backstop needs is a dozen commands,
 * documented by Sendmail's libmilter and Postfix's MILTER_README.
 */
final class MilterProtocol {
  static final int VERSION = 6;

  /** Body chunks are at most 64 KiB; anything much larger is not a milter peer. */
  static final int MAX_PACKET = 1 << 20;

  // Commands from the MTA.
  static final char ABORT = 'A';
  static final char BODY = 'B';
  static final char CONNECT = 'C';
  static final char MACRO = 'D';
  static final char BODYEOB = 'E';
  static final char HELO = 'H';
  static final char QUIT_NC = 'K';
  static final char HEADER = 'L';
  static final char MAIL = 'M';
  static final char EOH = 'N';
  static final char OPTNEG = 'O';
  static final char QUIT = 'Q';
  static final char RCPT = 'R';
  static final char DATA = 'T';
  static final char UNKNOWN = 'U';

  // Replies and modification actions from the milter.
  static final char ADDHEADER = 'h';
  static final char CHGFROM = 'e';
  static final char QUARANTINE = 'q';
  static final char ACCEPT = 'a';
  static final char CONTINUE = 'c';
  static final char REPLYCODE = 'y';

  // Actions the milter may take (negotiated in OPTNEG).
  static final int SMFIF_ADDHDRS = 0x01;
  static final int SMFIF_QUARANTINE = 0x20;
  static final int SMFIF_CHGFROM = 0x40;

  record Packet(char command, byte[] data) {}

  private MilterProtocol() {}

  /** Reads one packet; throws {@link EOFException} when the peer has gone. */
  static Packet read(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 1 || len > MAX_PACKET) {
      throw new IOException("milter packet length " + len + " out of range");
    }
    char cmd = (char) in.readUnsignedByte();
    byte[] data = new byte[len - 1];
    in.readFully(data);
    return new Packet(cmd, data);
  }

  static void write(DataOutputStream out, char command, byte[] data) throws IOException {
    out.writeInt(data.length + 1);
    out.writeByte(command);
    out.write(data);
  }

  /** Writes a reply made of NUL-terminated strings. */
  static void write(DataOutputStream out, char command, String... strings) throws IOException {
    write(out, command, cstrings(strings));
  }

  static byte[] cstrings(String... strings) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String s : strings) {
      b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      b.write(0);
    }
    return b.toByteArray();
  }

  /** Splits data into its NUL-terminated strings (a missing final NUL is tolerated). */
  static List<String> strings(byte[] data, int from) {
    List<String> out = new ArrayList<>();
    int start = from;
    for (int i = from; i < data.length; i++) {
      if (data[i] == 0) {
        out.add(new String(data, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < data.length) {
      out.add(new String(data, start, data.length - start, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The address inside an SMTP path argument: {@code <a@b>} gives {@code a@b}. */
  static String unbracket(String path) {
    String s = path.strip();
    if (s.startsWith("<") && s.endsWith(">")) {
      s = s.substring(1, s.length() - 1);
    }
    // A source route (@relay:user@domain, RFC 5321 section 4.1.2) is obsolete; keep the mailbox.
    int colon = s.indexOf(':');
    if (s.startsWith("@") && colon > 0) {
      s = s.substring(colon + 1);
    }
    return s;
  }
}
