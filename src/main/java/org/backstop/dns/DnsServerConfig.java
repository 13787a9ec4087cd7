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
 */
public record DnsServerConfig(
    InetSocketAddress listen,
    int udpThreads,
    int tcpThreads,
    List<Cidr> transferAllowed,
    List<InetSocketAddress> notifyTargets,
    Clock clock) {

  public DnsServerConfig {
    transferAllowed = List.copyOf(transferAllowed);
    notifyTargets = List.copyOf(notifyTargets);
    if (tcpThreads < 1) {
      throw new IllegalArgumentException("tcpThreads must be at least 1");
    }
  }

  /** Defaults: one UDP thread per CPU, 16 TCP connections, no transfers, no NOTIFY. */
  public static DnsServerConfig of(InetSocketAddress listen) {
    return new DnsServerConfig(listen, 0, 16, List.of(), List.of(), Clock.systemUTC());
  }

  public DnsServerConfig withTransfer(List<Cidr> allowed, List<InetSocketAddress> secondaries) {
    return new DnsServerConfig(listen, udpThreads, tcpThreads, allowed, secondaries, clock);
  }

  public DnsServerConfig withUdpThreads(int n) {
    return new DnsServerConfig(listen, n, tcpThreads, transferAllowed, notifyTargets, clock);
  }
}
