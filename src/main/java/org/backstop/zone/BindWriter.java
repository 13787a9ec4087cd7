package org.backstop.zone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.backstop.net.IpAddress;

/**
 * Writes a snapshot as a BIND master file (RFC 1035 section 5) that NSD, BIND or Knot can load,
 * with the records {@link ZoneRecords} lists.
 */
public final class BindWriter {
  private BindWriter() {}

  /** Writes the zone; the caller closes the writer. */
  public static void write(ZoneSnapshot s, Writer w) throws IOException {
    Soa soa = s.soa();
    w.write("; zone " + s.origin() + " written by Backstop, " + s.entries() + " entries\n");
    w.write("$ORIGIN " + s.origin() + ".\n");
    w.write(
        "@\t"
            + soa.ttl()
            + "\tIN\tSOA\t"
            + soa.mname()
            + ". "
            + soa.rname()
            + ". "
            + soa.serial()
            + " "
            + soa.refresh()
            + " "
            + soa.retry()
            + " "
            + soa.expire()
            + " "
            + soa.minimum()
            + "\n");
    for (String ns : s.ns()) {
      w.write("@\t" + s.nsTtl() + "\tIN\tNS\t" + ns + ".\n");
    }
    StringBuilder line = new StringBuilder(256);
    try {
      ZoneRecords.forEach(
          s,
          new ZoneRecords.Sink() {
            @Override
            public void a(String owner, int ttl, int address) {
              line.setLength(0);
              line.append(owner.isEmpty() ? "@" : owner).append('\t').append(ttl);
              line.append("\tIN\tA\t").append(IpAddress.ofV4(address)).append('\n');
              write(line);
            }

            @Override
            public void txt(String owner, int ttl, String text) {
              line.setLength(0);
              line.append(owner.isEmpty() ? "@" : owner).append('\t').append(ttl);
              line.append("\tIN\tTXT\t").append(quote(text)).append('\n');
              write(line);
            }

            private void write(CharSequence cs) {
              try {
                w.append(cs);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** TXT text as one or more quoted character-strings of at most 255 bytes. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int off = 0; off < b.length || off == 0; off += 255) {
      if (off > 0) {
        sb.append(' ');
      }
      sb.append('"');
      for (int i = off; i < Math.min(b.length, off + 255); i++) {
        int c = b[i] & 0xFF;
        if (c == '"' || c == '\\') {
          sb.append('\\').append((char) c);
        } else if (c < 32 || c > 126) {
          sb.append('\\').append(String.format("%03d", c));
        } else {
          sb.append((char) c);
        }
      }
      sb.append('"');
      if (b.length == 0) {
        break;
      }
    }
    return sb.toString();
  }
}
