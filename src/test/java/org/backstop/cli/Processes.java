package org.backstop.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs real client tools (swaks, dig) with a deadline and captures what they print. */
final class Processes {
  private Processes() {}

  /** What a finished process printed, with its exit status. */
  record Result(int exit, String out) {}

  /** Fails the test with a clear message when a Debian tool is missing. */
  static void require(String tool, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return;
      }
    }
    fail(tool + " is not installed: apt-get install -y " + debianPackage + " (CI's .ci/run does)");
  }

  static Result run(List<String> command, Path workDir) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "proc", ".out");
    Process p =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + command);
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
