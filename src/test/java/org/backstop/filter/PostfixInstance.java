package org.backstop.filter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Postfix (the Debian package) run as a private instance in a temporary directory: its own
 * main.cf, master.cf, queue and data directories, listening on a free loopback port, with {@code
 * postfix -c DIR start} and {@code stop}. Needs root, as Postfix's master does.
 */
final class PostfixInstance implements AutoCloseable {
  final Path dir;
  final Path etc;
  final int port;

  private PostfixInstance(Path dir, int port) {
    this.dir = dir;
    this.etc = dir.resolve("etc");
    this.port = port;
  }

  /**
   * Writes the configuration and starts Postfix.
   *
   * @param mainCf extra main.cf lines (policy, milter, routing) appended to the base settings
   */
  static PostfixInstance start(Path dir, String mainCf) throws Exception {
    requireTool("postfix");
    if (!"0".equals(run(List.of("id", "-u")).strip())) {
      throw new IllegalStateException(
          "this test starts Postfix's master, which must run as root (CI runs as root)");
    }
    PostfixInstance p = new PostfixInstance(dir, freePort());
    // Postfix daemons run as user postfix and must reach the queue through this directory.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(p.etc);
    Files.createDirectories(dir.resolve("spool"));
    Path data = Files.createDirectories(dir.resolve("data"));
    run(List.of("chown", "postfix", data.toString()));
    String base =
        String.join(
            "\n",
            "compatibility_level = 3.6",
            "queue_directory = " + dir.resolve("spool"),
            "data_directory = " + data,
            "mail_owner = postfix",
            "setgid_group = postdrop",
            "maillog_file_prefixes = " + dir,
            "maillog_file = " + dir.resolve("maillog"),
            "myhostname = mx.example.test",
            "mydomain = example.test",
            "myorigin = example.test",
            "inet_interfaces = 127.0.0.1",
            "inet_protocols = ipv4",
            "mydestination =",
            "alias_maps =",
            "alias_database =",
            "local_recipient_maps =",
            "smtpd_peername_lookup = no",
            "biff = no",
            "smtputf8_enable = no",
            "");
    Files.writeString(p.etc.resolve("main.cf"), base + mainCf + "\n");
    Files.writeString(p.etc.resolve("master.cf"), masterCf(p.port));
    run(List.of("postfix", "-c", p.etc.toString(), "start"));
    p.awaitListening(Duration.ofSeconds(30));
    return p;
  }

  private static String masterCf(int port) {
    // chroot off everywhere: the private instance has no chroot jail to populate.
    return String.join(
        "\n",
        "127.0.0.1:" + port + " inet n - n - - smtpd",
        "pickup unix n - n 60 1 pickup",
        "cleanup unix n - n - 0 cleanup",
        "qmgr unix n - n 300 1 qmgr",
        "rewrite unix - - n - - trivial-rewrite",
        "bounce unix - - n - 0 bounce",
        "defer unix - - n - 0 bounce",
        "trace unix - - n - 0 bounce",
        "verify unix - - n - 1 verify",
        "flush unix n - n 1000? 0 flush",
        "proxymap unix - - n - - proxymap",
        "smtp unix - - n - - smtp",
        "relay unix - - n - - smtp",
        "showq unix n - n - - showq",
        "error unix - - n - - error",
        "retry unix - - n - - error",
        "discard unix - - n - - discard",
        "anvil unix - - n - 1 anvil",
        "scache unix - - n - 1 scache",
        "postlog unix-dgram n - n - 1 postlogd",
        "");
  }

  private void awaitListening(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Postfix did not listen on " + port + ":\n" + log(), e);
        }
        TimeUnit.MILLISECONDS.sleep(50); // polling a port with a deadline, no fixed wait
      }
    }
  }

  String log() {
    try {
      Path f = dir.resolve("maillog");
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "(no maillog)";
    } catch (IOException e) {
      return "(maillog unreadable: " + e + ")";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void requireTool(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return;
      }
    }
    for (String d : List.of("/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return;
      }
    }
    throw new IllegalStateException(
        tool + " is not installed: apt-get install -y postfix swaks (see .ci/run)");
  }

  /** Runs a command, returns its combined output, and fails on a non-zero exit. */
  static String run(List<String> command) throws Exception {
    Result r = exec(command, null);
    if (r.exit != 0) {
      throw new IllegalStateException(command + " exited " + r.exit + ":\n" + r.output);
    }
    return r.output;
  }

  record Result(int exit, String output) {}

  static Result exec(List<String> command, Path stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " timed out");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    exec(List.of("postfix", "-c", etc.toString(), "stop"), null);
  }
}
