package org.backstop.check;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/**
 * A {@link DnsClient} on dnsjava's asynchronous resolver: one non-blocking UDP socket per
 * question (TCP on truncation), so sixty lists cost sixty packets in flight, not sixty threads.
 */
public final class DnsjavaClient implements DnsClient {

  private final SimpleResolver resolver;
  private final Duration timeout;

  /** A client for the recursive resolver at {@code server}. */
  public DnsjavaClient(InetSocketAddress server, Duration timeout) {
    this.resolver = new SimpleResolver(server);
    this.resolver.setTimeout(timeout);
    this.timeout = timeout;
  }

  /** A client for the system's first configured resolver (resolv.conf). */
  public static DnsjavaClient system(Duration timeout) {
    List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
    InetSocketAddress s = servers.isEmpty() ? new InetSocketAddress("127.0.0.1", 53) : servers.get(0);
    return new DnsjavaClient(s, timeout);
  }

  /**
   * Parses {@code host:port}, {@code [v6]:port} or a bare address (port 53). Only literal
   * addresses: a resolver given by name would need a resolver to find it.
   */
  public static InetSocketAddress parseServer(String text) {
    String host = text.trim();
    int port = 53;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("bad resolver address: " + text);
      }
      String rest = host.substring(close + 1);
      host = host.substring(1, close);
      if (rest.startsWith(":")) {
        port = parsePort(rest.substring(1), text);
      } else if (!rest.isEmpty()) {
        throw new IllegalArgumentException("bad resolver address: " + text);
      }
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      port = parsePort(host.substring(host.indexOf(':') + 1), text);
      host = host.substring(0, host.indexOf(':'));
    }
    org.backstop.net.IpAddress a = org.backstop.net.IpAddress.tryParse(host);
    if (a == null) {
      throw new IllegalArgumentException("resolver must be an IP address[:port]: " + text);
    }
    try {
      return new InetSocketAddress(java.net.InetAddress.getByAddress(a.bytes()), port);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("bad resolver address: " + text, e);
    }
  }

  private static int parsePort(String p, String text) {
    try {
      int port = Integer.parseInt(p);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in resolver address: " + text);
    }
  }

  @Override
  public CompletableFuture<DnsResponse> query(Name name, int type) {
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    return resolver
        .sendAsync(q)
        .toCompletableFuture()
        .thenApply(DnsResponse::of)
        .exceptionallyCompose(this::translate);
  }

  private CompletableFuture<DnsResponse> translate(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof java.net.SocketTimeoutException || cause instanceof TimeoutException) {
      return CompletableFuture.failedFuture(
          new DnsTimeoutException("no answer in " + timeout.toMillis() + " ms"));
    }
    return CompletableFuture.failedFuture(cause);
  }
}
