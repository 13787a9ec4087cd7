package org.backstop.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP on the JDK's {@link DatagramChannel}: a fixed set of threads, each blocking on the one shared
 * socket with its own buffers and {@link QueryHandler}. One receive and one send system call per
 * query; used where Netty's epoll transport does not load (see {@link EpollUdpServer}).
 */
final class NioUdpServer implements UdpServer {
  private static final Logger log = LoggerFactory.getLogger(NioUdpServer.class);

  private final DatagramChannel udp;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  private NioUdpServer(DatagramChannel udp) {
    this.udp = udp;
  }

  static NioUdpServer bind(InetSocketAddress listen, int threads, Supplier<QueryHandler> handlers)
      throws IOException {
    DatagramChannel udp = DatagramChannel.open();
    try {
      udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      udp.bind(listen);
    } catch (IOException e) {
      udp.close();
      throw e;
    }
    NioUdpServer s = new NioUdpServer(udp);
    for (int i = 0; i < threads; i++) {
      QueryHandler h = handlers.get();
      Thread t = new Thread(() -> s.loop(h), "dns-udp-" + i);
      t.setDaemon(true);
      s.threads.add(t);
      t.start();
    }
    return s;
  }

  @Override
  public InetSocketAddress address() {
    try {
      return (InetSocketAddress) udp.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String describe() {
    return "NIO, " + threads.size() + " thread(s) on one socket";
  }

  private void loop(QueryHandler h) {
    // direct buffers: the channel reads and writes them without the JDK's temporary-buffer copy
    ByteBuffer in = ByteBuffer.allocateDirect(4096);
    ByteBuffer outBuf = ByteBuffer.allocateDirect(65536);
    byte[] query = new byte[4096];
    byte[] out = new byte[65536];
    while (running) {
      try {
        in.clear();
        SocketAddress from = udp.receive(in);
        if (from == null) {
          continue;
        }
        int n = in.position();
        in.flip();
        in.get(query, 0, n);
        int r = h.handle(query, n, out, false);
        if (r > 0) {
          outBuf.clear();
          outBuf.put(out, 0, r).flip();
          udp.send(outBuf, from);
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (Exception e) {
        // a bad packet or a send error never stops the loop
        log.debug("UDP query failed: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      udp.close();
    } catch (IOException e) {
      log.debug("close: {}", e.toString());
    }
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }
}
