package org.backstop.filter;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * The Postfix policy server (SMTPD_POLICY_README): reads requests on persistent connections and
 * answers each with the {@link PolicyDecider}'s action. Idle connections time out after 5 minutes,
 * longer than Postfix's own {@code smtpd_policy_service_max_idle} (300s).
 */
public final class PolicyServer implements AutoCloseable {
  private final TcpServer server;

  public PolicyServer(InetSocketAddress bind, PolicyDecider decider, int maxConnections)
      throws IOException {
    this.server =
        new TcpServer(
            "policy", bind, maxConnections, Duration.ofSeconds(330), s -> serve(s, decider));
  }

  private static void serve(Socket s, PolicyDecider decider) throws IOException {
    InputStream in = new BufferedInputStream(s.getInputStream());
    OutputStream out = new BufferedOutputStream(s.getOutputStream());
    PolicyRequest r;
    while ((r = PolicyCodec.read(in)) != null) {
      PolicyCodec.write(out, decider.decide(r));
    }
  }

  public InetSocketAddress address() {
    return server.address();
  }

  @Override
  public void close() {
    server.close();
  }
}
