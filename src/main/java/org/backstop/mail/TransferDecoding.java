package org.backstop.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Undoes a part's Content-Transfer-Encoding (RFC 2045 section 6): base64 and quoted-printable.
 * mime4j finds the parts; the bytes are decoded here in one loop over an array, because mime4j's
 * decoding streams, read through layers of buffers, cost the analyzer a fifth of its parsing time.
 * Base64 goes through the JDK's MIME decoder, and through mime4j's lenient stream when that
 * refuses.
 */
final class TransferDecoding {
  private TransferDecoding() {}

  /** Raw bytes read per part: enough for a base64 body of {@link Mail#MAX_PART_CHARS} decoded. */
  private static final int MAX_RAW = Mail.MAX_PART_CHARS * 3 / 2;

  private static final ThreadLocal<byte[]> RAW = ThreadLocal.withInitial(() -> new byte[MAX_RAW]);

  /** Reads the current body of {@code stream}, decoded, into {@code out}; returns the length. */
  static int read(MimeTokenStream stream, BodyDescriptor bd, byte[] out) throws IOException {
    String cte = bd == null ? null : bd.getTransferEncoding();
    boolean base64 = "base64".equals(cte);
    boolean qp = "quoted-printable".equals(cte);
    if (!base64 && !qp) {
      return stream.getInputStream().readNBytes(out, 0, out.length);
    }
    byte[] raw = RAW.get();
    int n = stream.getInputStream().readNBytes(raw, 0, raw.length);
    if (qp) {
      return quotedPrintable(raw, n, out);
    }
    int len = base64(raw, n, out);
    if (len >= 0) {
      return len;
    }
    // Broken base64 (bad padding, a stray quantum): mime4j's decoder keeps what it can.
    try (InputStream in =
        new org.apache.james.mime4j.codec.Base64InputStream(
            new java.io.ByteArrayInputStream(raw, 0, n),
            org.apache.james.mime4j.codec.DecodeMonitor.SILENT)) {
      return in.readNBytes(out, 0, out.length);
    }
  }

  /** Base64 with line breaks and other non-alphabet bytes skipped; -1 when malformed. */
  static int base64(byte[] raw, int n, byte[] out) {
    try {
      byte[] all = Base64.getMimeDecoder().decode(java.util.Arrays.copyOf(raw, n));
      int len = Math.min(all.length, out.length);
      System.arraycopy(all, 0, out, 0, len);
      return len;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  /**
   * Quoted-printable (RFC 2045 section 6.7) on LF-ended lines: "=XX" is a byte, "=" before the end
   * of a line (after optional blanks) is a soft break, and any other "=" is kept as written. Hard
   * line breaks stay LF, as everywhere in the analyzer's text (mime4j would write CRLF).
   */
  static int quotedPrintable(byte[] in, int n, byte[] out) {
    int j = 0;
    for (int i = 0; i < n && j < out.length; i++) {
      byte b = in[i];
      if (b != '=') {
        out[j++] = b;
        continue;
      }
      int k = i + 1;
      while (k < n && (in[k] == ' ' || in[k] == '\t')) {
        k++;
      }
      if (k >= n || in[k] == '\n') {
        i = k; // soft line break
        continue;
      }
      int hi = i + 2 < n ? hex(in[i + 1]) : -1;
      int lo = hi >= 0 ? hex(in[i + 2]) : -1;
      if (lo >= 0) {
        out[j++] = (byte) (hi << 4 | lo);
        i += 2;
      } else {
        out[j++] = '=';
      }
    }
    return j;
  }

  private static int hex(byte b) {
    return HEX[b & 0xff];
  }

  /** The value of each hexadecimal digit byte, -1 for any other byte. */
  private static final byte[] HEX = new byte[256];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int d = 0; d < 10; d++) {
      HEX['0' + d] = (byte) d;
    }
    for (int d = 0; d < 6; d++) {
      HEX['A' + d] = (byte) (10 + d);
      HEX['a' + d] = (byte) (10 + d);
    }
  }
}
