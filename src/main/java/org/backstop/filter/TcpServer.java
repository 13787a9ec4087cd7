package org.backstop.filter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server for Postfix's long-lived side channels (policy and milter). Postfix keeps one
 * connection per busy smtpd process and talks on it synchronously, so a bounded pool of worker
 * threads, one per open connection, matches its load exactly (smtpd processes are themselves capped
 * by {@code default_process_limit}); connections beyond the cap are closed at once and Postfix
 * applies its fail-open default.
 */
final class TcpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);

  /** Serves one accepted connection until it ends; must not throw for bad input. */
  interface Handler {
    void serve(Socket socket) throws IOException;
  }

  private final String name;
  private final ServerSocket server;
  private final ThreadPoolExecutor workers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closing;

  TcpServer(String name, InetSocketAddress bind, int maxConnections, Duration idle, Handler handler)
      throws IOException {
    this.name = name;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(bind, 128);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            0,
            maxConnections,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(() -> acceptLoop(idle, handler), name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    log.info("{} listening on {}", name, address());
  }

  /** The bound address, with the real port when 0 was asked for. */
  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void acceptLoop(Duration idle, Handler handler) {
    while (!closing) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closing) {
          log.warn("{}: accept failed: {}", name, e.toString());
        }
        continue;
      }
      try {
        s.setSoTimeout((int) idle.toMillis());
        s.setTcpNoDelay(true);
        workers.execute(() -> serve(s, handler));
      } catch (RejectedExecutionException | SocketException e) {
        log.warn("{}: too many connections, closing {}", name, s.getRemoteSocketAddress());
        closeQuietly(s);
      }
    }
  }

  private void serve(Socket s, Handler handler) {
    open.add(s);
    try (s) {
      handler.serve(s);
    } catch (IOException e) {
      if (!closing) {
        log.debug("{}: connection {} ended: {}", name, s.getRemoteSocketAddress(), e.toString());
      }
    } catch (RuntimeException e) {
      log.error("{}: connection {} failed", name, s.getRemoteSocketAddress(), e);
    } finally {
      open.remove(s);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /** Stops accepting, closes every connection and waits briefly for the workers. */
  @Override
  public void close() {
    closing = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(TcpServer::closeQuietly);
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("{} stopped", name);
  }
}
