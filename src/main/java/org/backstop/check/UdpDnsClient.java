package org.backstop.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * A {@link DnsClient} that multiplexes every question over one UDP socket (RFC 1035 section 4.2.1),
 * matching answers to questions by message ID and question.
 *
 * <p>Hand-written rather than dnsjava's {@code SimpleResolver.sendAsync}, which opens, binds and
 * registers a new channel per question: checking sixty lists plus their test points is ~180
 * questions at once, and on a loaded machine that setup alone took most of a second. Here a
 * question costs one datagram; one reader thread completes the futures. A question with no answer
 * is sent once more at half its deadline; a truncated answer is asked again over TCP through
 * dnsjava.
 */
public final class UdpDnsClient implements DnsClient, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UdpDnsClient.class);
  private static final int MAX_IN_FLIGHT = 8192;
  private static final int MAX_ANSWER = 65535;

  private final InetSocketAddress server;
  private final Duration timeout;
  private final DatagramChannel channel;
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final ScheduledExecutorService resends;
  private final Thread reader;
  private final SimpleResolver tcp;

  private record Pending(Message query, CompletableFuture<DnsResponse> future) {}

  /** Opens a socket for questions to {@code server}, each with the given deadline. */
  public UdpDnsClient(InetSocketAddress server, Duration timeout) throws IOException {
    this.server = server;
    this.timeout = timeout;
    this.channel =
        DatagramChannel.open(
            server.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    channel.connect(server);
    this.tcp = new SimpleResolver(server);
    tcp.setTCP(true);
    tcp.setTimeout(timeout);
    this.resends =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dns-resend");
              t.setDaemon(true);
              return t;
            });
    this.reader = new Thread(this::read, "dns-reader-" + server.getPort());
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public CompletableFuture<DnsResponse> query(Name name, int type) {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    CompletableFuture<DnsResponse> f = new CompletableFuture<>();
    if (pending.size() >= MAX_IN_FLIGHT) {
      f.completeExceptionally(new IOException("too many DNS questions in flight"));
      return f;
    }
    int id;
    Pending p;
    do {
      id = random.nextInt(0x10000);
      q.getHeader().setID(id);
      p = new Pending(q, f);
    } while (pending.putIfAbsent(id, p) != null);
    int key = id;
    Pending mine = p;
    f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, t) -> pending.remove(key, mine));
    send(q, f);
    resends.schedule(
        () -> {
          if (!f.isDone()) {
            send(q, f);
          }
        },
        timeout.toMillis() / 2,
        TimeUnit.MILLISECONDS);
    return f.exceptionallyCompose(
        t -> {
          Throwable c = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
          if (c instanceof java.util.concurrent.TimeoutException) {
            return CompletableFuture.failedFuture(
                new DnsTimeoutException(
                    "no answer in " + timeout.toMillis() + " ms from " + server));
          }
          return CompletableFuture.failedFuture(c);
        });
  }

  private void send(Message q, CompletableFuture<DnsResponse> f) {
    try {
      byte[] wire = q.toWire();
      synchronized (channel) {
        channel.write(ByteBuffer.wrap(wire));
      }
    } catch (IOException e) {
      f.completeExceptionally(e);
    }
  }

  private void read() {
    ByteBuffer buf = ByteBuffer.allocate(MAX_ANSWER);
    while (channel.isOpen()) {
      try {
        buf.clear();
        channel.receive(buf);
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        handle(data);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        // ICMP port unreachable and the like: the question times out on its own.
        log.debug("DNS read from {} failed: {}", server, e.toString());
      }
    }
  }

  private void handle(byte[] data) {
    Message m;
    try {
      m = new Message(data);
    } catch (IOException e) {
      return; // not DNS: ignore, the question will time out or get a good answer
    }
    Pending p = pending.get(m.getHeader().getID());
    if (p == null || !sameQuestion(p.query(), m)) {
      return;
    }
    pending.remove(m.getHeader().getID(), p);
    if (m.getHeader().getFlag(Flags.TC)) {
      tcp.sendAsync(p.query())
          .whenComplete(
              (r, t) -> {
                if (t != null) {
                  p.future().completeExceptionally(t);
                } else {
                  p.future().complete(DnsResponse.of(r));
                }
              });
      return;
    }
    p.future().complete(DnsResponse.of(m));
  }

  private static boolean sameQuestion(Message q, Message a) {
    Record qq = q.getQuestion();
    Record aq = a.getQuestion();
    return aq != null
        && aq.getType() == qq.getType()
        && aq.getDClass() == qq.getDClass()
        && aq.getName().equals(qq.getName());
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing DNS socket: {}", e.toString());
    }
    resends.shutdownNow();
    pending
        .values()
        .forEach(p -> p.future().completeExceptionally(new IOException("client closed")));
  }
}
