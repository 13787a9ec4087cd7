package org.backstop.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, so progress is shown only to a person watching. */
final class Terminal {
  private Terminal() {}

  static boolean stderrIsTerminal() {
    // Java 17 has no isatty for stderr; on Linux /proc tells exactly. Elsewhere fall back to
    // System.console(), which is non-null only when stdin and stdout are terminals.
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      if (Files.exists(fd2)) {
        String target = Files.readSymbolicLink(fd2).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (Exception e) {
      // unreadable: fall through
    }
    return System.console() != null;
  }
}
