package org.backstop.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP on Netty's native epoll transport, which reads many datagrams with one recvmmsg(2) call and
 * sends the answers written during one read batch with one sendmmsg(2) call. rbldnsd and the {@link
 * NioUdpServer} make two system calls per query; here a busy server makes a few per batch of up to
 * {@link #BATCH} queries, and the kernel's per-call cost is what a DNSBL server spends most of its
 * time on.
 *
 * <p>Each thread is one Netty event loop with its own socket, all bound to the same address with
 * SO_REUSEPORT (the kernel spreads clients over them by address and port), and its own {@link
 * QueryHandler}. A batch whose answers pass the channel's high-water mark (large EDNS answers) is
 * flushed early; answers are dropped rather than queued when the socket's send buffer is full.
 */
final class EpollUdpServer implements UdpServer {
  private static final Logger log = LoggerFactory.getLogger(EpollUdpServer.class);

  /** Bytes read of each datagram: queries are small, and the NIO loop reads as much. */
  static final int MAX_QUERY = 4096;

  /** Datagrams per recvmmsg call, and per read batch whose answers go out in one sendmmsg. */
  static final int BATCH = 64;

  static {
    // Netty samples buffer allocations for leak reports by filling in a stack trace, which costs
    // more than answering the query; Responder releases every buffer it is given (tests check the
    // answers), so sampling is off unless asked for with -Dio.netty.leakDetection.level
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  private final EventLoopGroup group;
  private final List<Channel> channels;

  private EpollUdpServer(EventLoopGroup group, List<Channel> channels) {
    this.group = group;
    this.channels = channels;
  }

  /** True when the native transport loads here (Linux on a CPU it is built for). */
  static boolean available() {
    return Epoll.isAvailable();
  }

  /** Why the native transport does not load, or null. */
  static Throwable unavailabilityCause() {
    return Epoll.unavailabilityCause();
  }

  static EpollUdpServer bind(InetSocketAddress listen, int threads, Supplier<QueryHandler> handlers)
      throws IOException {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("dns-udp", true), EpollIoHandler.newFactory());
    Bootstrap b =
        new Bootstrap()
            .group(group)
            // an IPv4 address gets an IPv4 socket: no mapped addresses on every send and receive
            .channelFactory(
                () ->
                    new EpollDatagramChannel(
                        listen.getAddress() instanceof Inet4Address
                            ? SocketProtocolFamily.INET
                            : SocketProtocolFamily.INET6))
            .option(ChannelOption.SO_RCVBUF, 4 << 20)
            .option(EpollChannelOption.SO_REUSEPORT, threads > 1)
            // a non-zero payload size makes the channel read with recvmmsg, one slot per datagram
            .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY)
            .option(
                ChannelOption.RCVBUF_ALLOCATOR,
                new FixedRecvByteBufAllocator(MAX_QUERY * BATCH).maxMessagesPerRead(BATCH))
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new Responder(handlers.get()));
                  }
                });
    List<Channel> channels = new ArrayList<>();
    try {
      InetSocketAddress at = listen;
      for (int i = 0; i < threads; i++) {
        // bind() registers each channel with the group's next event loop: one socket per thread
        Channel ch = b.bind(at).sync().channel();
        channels.add(ch);
        at = (InetSocketAddress) ch.localAddress(); // the others join the port the first got
      }
    } catch (Exception e) {
      new EpollUdpServer(group, channels).close();
      if (e instanceof IOException) {
        throw (IOException) e;
      }
      throw new IOException("UDP bind on " + listen + " failed: " + e, e);
    }
    return new EpollUdpServer(group, channels);
  }

  @Override
  public InetSocketAddress address() {
    return (InetSocketAddress) channels.get(0).localAddress();
  }

  @Override
  public String describe() {
    return "epoll with recvmmsg/sendmmsg, "
        + channels.size()
        + (channels.size() > 1 ? " threads with a socket each (SO_REUSEPORT)" : " thread");
  }

  @Override
  public void close() {
    for (Channel ch : channels) {
      ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  /**
   * Answers each datagram of a read batch into a pooled direct buffer and writes it without
   * flushing; the batch's end flushes them all, which the channel sends with sendmmsg.
   */
  static final class Responder extends ChannelInboundHandlerAdapter {
    private final QueryHandler handler;
    private final byte[] query = new byte[MAX_QUERY];
    private final byte[] out = new byte[65536];
    private boolean unflushed;

    Responder(QueryHandler handler) {
      this.handler = handler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      DatagramPacket packet = (DatagramPacket) msg;
      try {
        ByteBuf in = packet.content();
        int n = Math.min(in.readableBytes(), query.length);
        in.getBytes(in.readerIndex(), query, 0, n);
        int r = handler.handle(query, n, out, false);
        if (r > 0 && !ctx.channel().isWritable()) {
          ctx.flush(); // the batch's answers so far passed the high-water mark: send them now
        }
        // still not writable: the socket's send buffer is full; drop the answer as the kernel would
        if (r > 0 && ctx.channel().isWritable()) {
          ByteBuf answer = ctx.alloc().directBuffer(r);
          answer.writeBytes(out, 0, r);
          ctx.write(new DatagramPacket(answer, packet.sender()), ctx.voidPromise());
          unflushed = true;
        }
      } catch (RuntimeException e) {
        log.debug("UDP query failed: {}", e.toString()); // a bad packet never stops the loop
      } finally {
        packet.release();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (unflushed) {
        unflushed = false;
        ctx.flush();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("UDP: {}", cause.toString()); // e.g. a send error: the channel keeps serving
    }
  }
}
