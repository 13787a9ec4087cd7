package org.backstop.trap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real swaks client (Debian package swaks) and returns its exit status and dialogue. */
final class Swaks {
  record Result(int exit, String output) {}

  private Swaks() {}

  static Result run(int port, String... args) throws IOException, InterruptedException {
    if (!onPath("swaks")) {
      throw new AssertionError("swaks is not installed: apt-get install -y swaks");
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "swaks",
                "--server",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--timeout",
                "20",
                "--hide-informational"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("swaks did not finish");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(d, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
