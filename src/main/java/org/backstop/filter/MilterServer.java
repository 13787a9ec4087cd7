package org.backstop.filter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * The milter server Postfix's {@code smtpd_milters} points at (protocol version 6). Idle
 * connections time out after Postfix's own longest milter wait ({@code milter_content_timeout},
 * 300s) plus a margin.
 */
public final class MilterServer implements AutoCloseable {
  private final TcpServer server;

  public MilterServer(
      InetSocketAddress bind,
      ShieldConfig config,
      SentLedger ledger,
      BackscatterJudge judge,
      Clock clock,
      ShieldMetrics metrics,
      int maxConnections)
      throws IOException {
    this.server =
        new TcpServer(
            "milter",
            bind,
            maxConnections,
            Duration.ofSeconds(330),
            s ->
                new MilterSession(
                        config,
                        ledger,
                        judge,
                        clock,
                        metrics,
                        new DataInputStream(new BufferedInputStream(s.getInputStream())),
                        new DataOutputStream(new BufferedOutputStream(s.getOutputStream())))
                    .run());
  }

  public InetSocketAddress address() {
    return server.address();
  }

  @Override
  public void close() {
    server.close();
  }
}
