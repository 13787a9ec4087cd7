package org.backstop.trap;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A trap in its own JVM for the crash test: {@code TrapChild SPOOL_DIR DB_FILE} starts a trap on a
 * free loopback port with a {@link SqliteCountingSink}, prints {@code PORT n}, and runs until its
 * standard input closes (or it is killed).
 */
public final class TrapChild {
  private TrapChild() {}

  public static void main(String[] args) throws Exception {
    TrapConfig config =
        TrapConfig.builder(Path.of(args[0]))
            .listen(new InetSocketAddress("127.0.0.1", 0))
            .trapDomains(List.of("trap.example"))
            .retryInterval(Duration.ofMillis(500))
            .build();
    try (SqliteCountingSink sink = new SqliteCountingSink(Path.of(args[1]));
        TrapServer server = new TrapServer(config, sink, Clock.systemUTC()).start()) {
      System.out.println("PORT " + server.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }
}
