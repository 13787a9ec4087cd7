package org.backstop.trap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves what the first spool format left behind into the segment log, so that upgrading Backstop
 * loses no message that was answered 250. That format kept one file {@code ID.msg} per transaction:
 * a line of JSON with the envelope (the same fields as today's records), then the raw message, and
 * a copy {@code ID.eml} for the sink. Each file is appended to the log (and fsynced) before it is
 * deleted, so a crash during the move repeats it, and the sink ignores the repeat.
 */
final class LegacySpoolFiles {
  private static final Logger log = LoggerFactory.getLogger(LegacySpoolFiles.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPOOLED = ".msg";
  private static final String SINK_COPY = ".eml";
  private static final int MAX_ENVELOPE = 1 << 20;

  private LegacySpoolFiles() {}

  /**
   * Appends every {@code *.msg} file in {@code dir} to the spool, oldest first, and deletes it with
   * its sink copy; returns how many were moved. An unreadable file is logged and kept, so an
   * operator can look at it.
   */
  static int moveInto(Spool spool, Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SPOOLED)) {
      ds.forEach(files::add);
    }
    files.sort(null); // ids begin with the time in milliseconds
    int moved = 0;
    for (Path f : files) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
        TrapDelivery envelope = Spool.fromJson(JSON.readTree(envelopeLine(in)));
        if (envelope.callout()) {
          spool.writeCallout(envelope);
        } else {
          spool.writeMessage(envelope, in, Long.MAX_VALUE);
        }
      } catch (IOException | Spool.TooLargeException | RuntimeException e) {
        log.error("kept unreadable spool file {} of the earlier format: {}", f, e.toString());
        continue;
      }
      String name = f.getFileName().toString();
      Files.deleteIfExists(f);
      Files.deleteIfExists(
          f.resolveSibling(name.substring(0, name.length() - SPOOLED.length()) + SINK_COPY));
      moved++;
    }
    return moved;
  }

  private static byte[] envelopeLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0 || line.size() >= MAX_ENVELOPE) {
        throw new IOException("no envelope line");
      }
      line.write(b);
    }
    return line.toByteArray();
  }
}
