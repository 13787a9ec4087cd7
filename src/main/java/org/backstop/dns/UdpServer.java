package org.backstop.dns;

import java.net.InetSocketAddress;

/** The UDP side of a {@link DnsServer}: answers queries on its socket(s) until closed. */
interface UdpServer extends AutoCloseable {
  /** The bound address (with the actual port when 0 was asked). */
  InetSocketAddress address();

  /** How datagrams are received and sent, for the log. */
  String describe();

  /** Stops answering and releases the sockets and threads. */
  @Override
  void close();
}
