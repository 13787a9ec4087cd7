package org.backstop.dns;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.backstop.net.Cidr;

/**
 * How a {@link DnsServer} runs.
 *
 * @param listen address and port for UDP and TCP (port 0 picks a free one)
 * @param udpThreads threads receiving UDP queries (0: one per CPU)
 * @param tcpThreads the bound on concurrent TCP connections
 * @param transferAllowed networks allowed to transfer zones by AXFR (RFC 5936); empty: nobody
 * @param notifyTargets secondaries told by NOTIFY (RFC 1996) when a zone's serial changes
 * @param clock the time source
 * @param udpTransport how UDP datagrams are received and sent
 */
public record DnsServerConfig(
    InetSocketAddress listen,
    int udpThreads,
    int tcpThreads,
    List<Cidr> transferAllowed,
    List<InetSocketAddress> notifyTargets,
    Clock clock,
    UdpTransport udpTransport) {

  /** How UDP datagrams are received and sent. */
  public enum UdpTransport {
    /** {@link #EPOLL} where Linux's epoll transport loads, {@link #NIO} elsewhere. */
    AUTO,
    /**
     * Netty's native epoll transport: datagrams read in batches with recvmmsg and answered in
     * batches with sendmmsg, one event loop and socket (SO_REUSEPORT) per thread. Fails to start
     * where it does not load.
     */
    EPOLL,
    /** The JDK's DatagramChannel: one receive and one send system call per query. */
    NIO
  }

  public DnsServerConfig {
    transferAllowed = List.copyOf(transferAllowed);
    notifyTargets = List.copyOf(notifyTargets);
    if (tcpThreads < 1) {
      throw new IllegalArgumentException("tcpThreads must be at least 1");
    }
    java.util.Objects.requireNonNull(udpTransport, "udpTransport");
  }

  /** Defaults: one UDP thread per CPU, 16 TCP connections, no transfers, no NOTIFY. */
  public static DnsServerConfig of(InetSocketAddress listen) {
    return new DnsServerConfig(
        listen, 0, 16, List.of(), List.of(), Clock.systemUTC(), UdpTransport.AUTO);
  }

  public DnsServerConfig withTransfer(List<Cidr> allowed, List<InetSocketAddress> secondaries) {
    return new DnsServerConfig(
        listen, udpThreads, tcpThreads, allowed, secondaries, clock, udpTransport);
  }

  public DnsServerConfig withUdpThreads(int n) {
    return new DnsServerConfig(
        listen, n, tcpThreads, transferAllowed, notifyTargets, clock, udpTransport);
  }

  public DnsServerConfig withUdpTransport(UdpTransport t) {
    return new DnsServerConfig(
        listen, udpThreads, tcpThreads, transferAllowed, notifyTargets, clock, t);
  }
}
