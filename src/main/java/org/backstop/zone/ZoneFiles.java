package org.backstop.zone;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes zone files for mirrors atomically: to a temporary file beside the target, then renamed
 * over it, so a reader (rbldnsd, NSD, rsync) never sees half a file. Files are world-readable
 * because rbldnsd reads them as its own user.
 */
public final class ZoneFiles {
  private ZoneFiles() {}

  /** The export formats. */
  public enum Format {
    BIND,
    RBLDNSD
  }

  /** Writes the snapshot in a format to a writer. */
  public static void write(ZoneSnapshot s, Format f, Writer w) throws IOException {
    if (f == Format.BIND) {
      BindWriter.write(s, w);
    } else {
      RbldnsdWriter.write(s, w);
    }
  }

  /** Writes the snapshot in a format to a path, atomically (temp file and rename). */
  public static void write(ZoneSnapshot s, Format f, Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (Writer w =
          new BufferedWriter(
              new java.io.OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
              1 << 16)) {
        write(s, f, w);
      }
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default permissions
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
