package org.backstop.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.backstop.zone.ZoneSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;

/**
 * Backstop's authoritative DNSBL server: UDP and TCP on one address (RFC 1035 section 4.2, RFC
 * 7766), answering from the snapshots in a {@link ZoneRegistry}, with AXFR (RFC 5936) for allowed
 * networks and NOTIFY (RFC 1996) to secondaries.
 *
 * <p>An embedding process (the blocklist publisher) uses it like this:
 *
 * <pre>{@code
 * DnsServer server = DnsServer.start(DnsServerConfig.of(new InetSocketAddress("127.0.0.1", 5353)));
 * server.publish(snapshot);      // serve a zone, or replace it atomically while serving
 * server.publish(next);          // a new serial also sends NOTIFY to the configured secondaries
 * server.close();
 * }</pre>
 *
 * UDP is served by {@link EpollUdpServer} (batched recvmmsg/sendmmsg on Linux) or, where that does
 * not load, {@link NioUdpServer}; each UDP thread has its own buffers and {@link QueryHandler}. TCP
 * is served by a bounded pool with read timeouts. A reload never blocks a query: publishing swaps
 * one reference.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
  private static final int TCP_TIMEOUT_MS = 10_000;
  private static final int TCP_MAX_QUERIES = 1000;

  private final DnsServerConfig config;
  private final ZoneRegistry zones;
  private final QueryHandler.QueryListener listener;
  private final UdpServer udp;
  private final ServerSocketChannel tcp;
  private final List<Thread> threads = new ArrayList<>();
  private final ThreadPoolExecutor tcpPool;
  private final Notifier notifier;
  private volatile boolean running = true;

  private DnsServer(
      DnsServerConfig config,
      ZoneRegistry zones,
      QueryHandler.QueryListener listener,
      UdpServer udp,
      ServerSocketChannel tcp) {
    this.config = config;
    this.zones = zones;
    this.listener = listener;
    this.udp = udp;
    this.tcp = tcp;
    this.notifier = new Notifier(config.notifyTargets());
    this.tcpPool =
        new ThreadPoolExecutor(
            config.tcpThreads(),
            config.tcpThreads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(config.tcpThreads() * 2),
            r -> {
              Thread t = new Thread(r, "dns-tcp");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts a server with an empty registry and no metrics. */
  public static DnsServer start(DnsServerConfig config) throws IOException {
    return start(config, new ZoneRegistry(), QueryHandler.QueryListener.NONE);
  }

  /** Binds UDP and TCP on the configured address and starts answering from {@code zones}. */
  public static DnsServer start(
      DnsServerConfig config, ZoneRegistry zones, QueryHandler.QueryListener listener)
      throws IOException {
    UdpServer udp = null;
    ServerSocketChannel tcp = null;
    IOException last = null;
    for (int attempt = 0; attempt < 20 && tcp == null; attempt++) {
      // port 0: take UDP's free port for TCP too; retry if TCP's is taken
      udp = bindUdp(config, zones, listener);
      int port = udp.address().getPort();
      try {
        tcp = ServerSocketChannel.open();
        tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        tcp.bind(new InetSocketAddress(config.listen().getAddress(), port), 64);
      } catch (IOException e) {
        last = e;
        if (tcp != null) {
          tcp.close();
        }
        tcp = null;
        udp.close();
        if (config.listen().getPort() != 0) {
          throw e;
        }
      }
    }
    if (tcp == null) {
      throw last;
    }
    DnsServer s = new DnsServer(config, zones, listener, udp, tcp);
    s.startThreads();
    log.info("DNS server listening on {} (UDP: {}; TCP)", s.address(), udp.describe());
    return s;
  }

  private static UdpServer bindUdp(
      DnsServerConfig config, ZoneRegistry zones, QueryHandler.QueryListener listener)
      throws IOException {
    int n =
        config.udpThreads() > 0 ? config.udpThreads() : Runtime.getRuntime().availableProcessors();
    Supplier<QueryHandler> handlers = () -> new QueryHandler(zones, listener, config.clock());
    boolean epoll = EpollUdpServer.available();
    switch (config.udpTransport()) {
      case NIO:
        return NioUdpServer.bind(config.listen(), n, handlers);
      case EPOLL:
        if (!epoll) {
          throw new IOException(
              "the epoll transport does not load here", EpollUdpServer.unavailabilityCause());
        }
        return EpollUdpServer.bind(config.listen(), n, handlers);
      default:
        if (!epoll) {
          log.debug("epoll unavailable, UDP over NIO: {}", EpollUdpServer.unavailabilityCause());
          return NioUdpServer.bind(config.listen(), n, handlers);
        }
        return EpollUdpServer.bind(config.listen(), n, handlers);
    }
  }

  private void startThreads() {
    Thread a = new Thread(this::acceptLoop, "dns-tcp-accept");
    a.setDaemon(true);
    threads.add(a);
    a.start();
  }

  /** The bound address (with the actual port when 0 was asked). */
  public InetSocketAddress address() {
    return udp.address();
  }

  public ZoneRegistry zones() {
    return zones;
  }

  /**
   * Serves a snapshot for its zone, replacing the previous one atomically; when the SOA serial
   * differs from the one served before, NOTIFY goes to the configured secondaries.
   */
  public void publish(ZoneSnapshot snapshot) {
    long old = zones.get(snapshot.origin()).map(ZoneSnapshot::serial).orElse(-1L);
    zones.publish(snapshot);
    if (old != snapshot.serial()) {
      notifier.zoneChanged(snapshot);
    }
  }

  private void acceptLoop() {
    while (running) {
      try {
        Socket s = tcp.accept().socket();
        try {
          tcpPool.execute(() -> serveTcp(s));
        } catch (RejectedExecutionException e) {
          s.close(); // too many connections: shed load rather than queue without bound
        }
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        log.debug("TCP accept failed: {}", e.toString());
      }
    }
  }

  private void serveTcp(Socket s) {
    QueryHandler h = new QueryHandler(zones, listener, config.clock());
    byte[] out = new byte[65536];
    try (s) {
      s.setSoTimeout(TCP_TIMEOUT_MS);
      DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
      DataOutputStream o =
          new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream(), 65536));
      for (int i = 0; i < TCP_MAX_QUERIES && running; i++) {
        int len;
        try {
          len = in.readUnsignedShort();
        } catch (EOFException e) {
          return;
        }
        byte[] q = new byte[len];
        in.readFully(q);
        int r = h.handle(q, len, out, true);
        if (r == QueryHandler.TRANSFER) {
          transfer(s, h, q, len, out, o);
        } else if (r > 0) {
          o.writeShort(r);
          o.write(out, 0, r);
        }
        o.flush();
      }
    } catch (IOException e) {
      log.debug("TCP connection from {} ended: {}", s.getRemoteSocketAddress(), e.toString());
    }
  }

  private void transfer(Socket s, QueryHandler h, byte[] q, int len, byte[] out, DataOutputStream o)
      throws IOException {
    IpAddress peer = IpAddress.ofBytes(s.getInetAddress().getAddress());
    ZoneSnapshot z = zones.get(h.lastZone()).orElse(null);
    boolean allowed = false;
    for (Cidr c : config.transferAllowed()) {
      allowed |= c.contains(peer);
    }
    Message query = new Message(java.util.Arrays.copyOf(q, len));
    if (!allowed || z == null) {
      log.info("AXFR of {} refused for {}", h.lastZone(), peer);
      Message m = new Message(query.getHeader().getID());
      m.getHeader().setFlag(org.xbill.DNS.Flags.QR);
      m.getHeader().setRcode(QueryHandler.REFUSED);
      m.addRecord(query.getQuestion(), org.xbill.DNS.Section.QUESTION);
      byte[] w = m.toWire();
      o.writeShort(w.length);
      o.write(w);
      listener.answered(h.lastZone(), QueryHandler.REFUSED);
      return;
    }
    long start = System.nanoTime();
    ZoneTransfer.send(z, query, o);
    listener.answered(z.origin(), QueryHandler.NOERROR);
    log.info(
        "AXFR of {} serial {} to {}: {} entries in {} ms",
        z.origin(),
        z.serial(),
        peer,
        z.entries(),
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Stops listening, waits briefly for the threads, and closes the sockets. */
  @Override
  public void close() {
    running = false;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      log.debug("close: {}", e.toString());
    }
    tcpPool.shutdown();
    notifier.close();
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      tcpPool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
