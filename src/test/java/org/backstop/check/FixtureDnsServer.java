package org.backstop.check;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;

/**
 * A small authoritative DNS server over UDP on 127.0.0.1 and a free port, answering from {@link
 * FixtureZones}. Delayed answers are scheduled, not slept, so sixty slow zones answer together. A
 * test fixture only: Backstop's own server lives in the dns package.
 */
final class FixtureDnsServer implements AutoCloseable {

  final FixtureZones zones;
  private final DatagramSocket socket;
  private final ScheduledExecutorService replies = Executors.newScheduledThreadPool(2);
  private final Thread reader;
  private final java.util.List<UdpDnsClient> clients =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  FixtureDnsServer(FixtureZones zones) throws IOException {
    this.zones = zones;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.reader = new Thread(this::serve, "fixture-dns");
    reader.setDaemon(true);
    reader.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** {@code 127.0.0.1:port}, as the CLI's --resolver takes it. */
  String hostPort() {
    return "127.0.0.1:" + address().getPort();
  }

  /** Like {@link #client} for lambdas and static helpers. */
  UdpDnsClient clientUnchecked(Duration timeout) {
    try {
      return client(timeout);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A client for this server; closed with the server. */
  UdpDnsClient client(Duration timeout) throws IOException {
    UdpDnsClient c = new UdpDnsClient(address(), timeout);
    clients.add(c);
    return c;
  }

  private void serve() {
    byte[] buf = new byte[1500];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        Message a = zones.answer(q);
        if (a == null) {
          continue;
        }
        byte[] out = a.toWire(512);
        var to = p.getSocketAddress();
        Duration d = zones.delayFor(q.getQuestion().getName());
        Runnable send =
            () -> {
              try {
                socket.send(new DatagramPacket(out, out.length, to));
              } catch (IOException e) {
                // the socket closed while a delayed answer waited: nothing to do
              }
            };
        if (d.isZero()) {
          send.run();
        } else {
          replies.schedule(send, d.toNanos(), TimeUnit.NANOSECONDS);
        }
      } catch (SocketException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // a malformed packet: ignore it, as a server must
      }
    }
  }

  @Override
  public void close() {
    socket.close();
    replies.shutdownNow();
    clients.forEach(UdpDnsClient::close);
  }
}
