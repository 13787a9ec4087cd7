package org.backstop.dns;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/** Helpers for integration tests that start real peer servers (rbldnsd, NSD). */
final class Peers {
  private Peers() {}

  /** The path of a Debian tool, or a test failure naming the package to install. */
  static String require(String tool, String pkg) {
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return dir + "/" + tool;
      }
    }
    return fail(tool + " is missing: apt-get install -y " + pkg);
  }

  /** A port free for both UDP and TCP on loopback right now. */
  static int freePort() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket u = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
        int p = u.getLocalPort();
        try (ServerSocket t = new ServerSocket()) {
          t.bind(new InetSocketAddress("127.0.0.1", p));
          return p;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free port");
  }

  /** A temporary directory that another user (rbldns, nsd) can traverse. */
  static Path worldReadableDir(String prefix) throws IOException {
    Path d = Files.createTempDirectory(prefix);
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
    return d;
  }

  static Path writeReadable(Path p, String text) throws IOException {
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    return p;
  }

  static SimpleResolver resolver(int port) throws IOException {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", port));
    r.setTimeout(Duration.ofSeconds(2));
    return r;
  }

  /** Asks until answered (the peer may still be starting), up to a deadline. */
  static Message ask(SimpleResolver r, String name, int type, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    while (true) {
      try {
        return r.send(q);
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50); // poll: the peer has no readiness signal but its answers
      }
    }
  }

  /** Stops a process we started and waits for it. */
  static void stop(Process p) throws InterruptedException {
    if (p != null) {
      p.destroy();
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  static List<String> command(String... args) {
    return new ArrayList<>(List.of(args));
  }
}
