package org.backstop.trap;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.backstop.net.IpAddress;

/**
 * Reads a PROXY protocol header, version 1 (text) or 2 (binary), as HAProxy's proxy-protocol.txt
 * defines it, and returns the original client's address.
 *
 * <p>Hand-written rather than subethasmtp's internal handler because that one reads the v2 header
 * with a single {@code read} (a short TCP segment fails it), resolves v1 addresses with {@code
 * InetAddress.getByName} (a hex-only "address" becomes a DNS lookup) and over-reads through its own
 * buffer. This reader consumes exactly the header's bytes and never does DNS.
 */
final class ProxyHeader {
  /** The longest v1 line, CRLF included (section 2.1). */
  static final int V1_MAX = 107;

  /** The v2 signature (section 2.2). */
  static final byte[] V2_SIGNATURE = {
    0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A
  };

  /** Bound on the v2 address block plus TLVs, well above what any proxy sends. */
  static final int V2_MAX_LENGTH = 4096;

  /** A malformed header; the connection is answered 421 and closed. */
  static final class BadHeaderException extends Exception {
    BadHeaderException(String message) {
      super(message);
    }
  }

  /** The proxied client, or empty for a LOCAL / UNKNOWN / AF_UNIX header (keep the peer). */
  record Source(IpAddress address, int port) {}

  private ProxyHeader() {}

  /** Reads one header from the start of the stream, consuming exactly its bytes. */
  static Optional<Source> read(InputStream in) throws IOException, BadHeaderException {
    int first = in.read();
    if (first < 0) {
      throw new EOFException("connection closed before the PROXY header");
    }
    if (first == 'P') {
      return readV1(in);
    }
    if (first == V2_SIGNATURE[0]) {
      return readV2(in);
    }
    throw new BadHeaderException("expected a PROXY v1 or v2 header");
  }

  private static Optional<Source> readV1(InputStream in) throws IOException, BadHeaderException {
    byte[] line = new byte[V1_MAX];
    line[0] = 'P';
    int n = 1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed inside the PROXY v1 header");
      }
      line[n++] = (byte) b;
      if (b == '\n') {
        break;
      }
      if (n == V1_MAX) {
        throw new BadHeaderException("PROXY v1 header longer than 107 bytes");
      }
    }
    if (n < 2 || line[n - 2] != '\r') {
      throw new BadHeaderException("PROXY v1 header must end with CRLF");
    }
    String text = new String(line, 0, n - 2, StandardCharsets.US_ASCII);
    return parseV1(text);
  }

  /** Parses a v1 line without its CRLF: {@code PROXY TCP4 src dst sport dport}. */
  static Optional<Source> parseV1(String text) throws BadHeaderException {
    String[] f = text.split(" ", -1);
    if (f.length < 2 || !f[0].equals("PROXY")) {
      throw new BadHeaderException("PROXY v1 header must start with \"PROXY \"");
    }
    if (f[1].equals("UNKNOWN")) {
      return Optional.empty(); // section 2.1: the receiver must ignore the rest
    }
    boolean v4 = f[1].equals("TCP4");
    if (!v4 && !f[1].equals("TCP6")) {
      throw new BadHeaderException("PROXY v1 protocol must be TCP4, TCP6 or UNKNOWN");
    }
    if (f.length != 6) {
      throw new BadHeaderException("PROXY v1 header needs 2 addresses and 2 ports");
    }
    IpAddress src = IpAddress.tryParse(f[2]);
    IpAddress dst = IpAddress.tryParse(f[3]);
    if (src == null || dst == null || src.isV4() != v4 || dst.isV4() != v4) {
      throw new BadHeaderException("PROXY v1 addresses do not match " + f[1]);
    }
    int port = port(f[4]);
    port(f[5]);
    return Optional.of(new Source(src, port));
  }

  private static int port(String s) throws BadHeaderException {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadHeaderException("bad PROXY port " + s);
    }
    int p = Integer.parseInt(s);
    if (p > 65535 || (s.length() > 1 && s.charAt(0) == '0')) {
      throw new BadHeaderException("bad PROXY port " + s);
    }
    return p;
  }

  private static Optional<Source> readV2(InputStream in) throws IOException, BadHeaderException {
    byte[] head = new byte[16];
    head[0] = V2_SIGNATURE[0];
    readFully(in, head, 1, 15);
    if (!Arrays.equals(head, 0, 12, V2_SIGNATURE, 0, 12)) {
      throw new BadHeaderException("bad PROXY v2 signature");
    }
    int verCmd = head[12] & 0xFF;
    if ((verCmd >>> 4) != 2) {
      throw new BadHeaderException("unsupported PROXY version " + (verCmd >>> 4));
    }
    int length = ((head[14] & 0xFF) << 8) | (head[15] & 0xFF);
    if (length > V2_MAX_LENGTH) {
      throw new BadHeaderException("PROXY v2 block too long: " + length);
    }
    byte[] block = new byte[length];
    readFully(in, block, 0, length);
    return parseV2(verCmd & 0x0F, head[13] & 0xFF, block);
  }

  /** Interprets a v2 command, family/transport byte and address block (section 2.2). */
  static Optional<Source> parseV2(int command, int family, byte[] block) throws BadHeaderException {
    if (command == 0) {
      return Optional.empty(); // LOCAL: a health check from the proxy itself
    }
    if (command != 1) {
      throw new BadHeaderException("unknown PROXY v2 command " + command);
    }
    int af = family >>> 4;
    int size;
    if (af == 1) {
      size = 4;
    } else if (af == 2) {
      size = 16;
    } else if (af == 0 || af == 3) {
      return Optional.empty(); // UNSPEC or AF_UNIX: no IP to take over
    } else {
      throw new BadHeaderException("unknown PROXY v2 address family " + af);
    }
    if (block.length < 2 * size + 4) {
      throw new BadHeaderException("PROXY v2 address block too short");
    }
    IpAddress src = IpAddress.ofBytes(Arrays.copyOfRange(block, 0, size));
    int port = ((block[2 * size] & 0xFF) << 8) | (block[2 * size + 1] & 0xFF);
    return Optional.of(new Source(src, port));
  }

  private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
    int n = in.readNBytes(b, off, len);
    if (n < len) {
      throw new EOFException("connection closed inside the PROXY v2 header");
    }
  }
}
