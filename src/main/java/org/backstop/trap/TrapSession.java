package org.backstop.trap;

import java.net.InetSocketAddress;
import org.backstop.net.IpAddress;

/**
 * What the trap knows about one SMTP connection beyond the library's session: the client as the
 * transport saw it (after a PROXY header), the client as XCLIENT presented it, and how the current
 * transaction is ending.
 */
final class TrapSession {
  /** The command that is ending the current transaction, if any. */
  enum Ending {
    NONE,
    RSET,
    QUIT
  }

  private final long startedNanos = System.nanoTime();
  private final IpAddress transportClient;
  private final boolean trusted;
  private volatile IpAddress client;
  private volatile String heloOverride;
  private volatile Ending ending = Ending.NONE;

  TrapSession(IpAddress transportClient, boolean trusted) {
    this.transportClient = transportClient;
    this.trusted = trusted;
    this.client = transportClient;
  }

  long startedNanos() {
    return startedNanos;
  }

  static IpAddress address(InetSocketAddress a) {
    return IpAddress.ofBytes(a.getAddress().getAddress()).unmapped();
  }

  /** The client after PROXY, before XCLIENT: the peer whose trust decides XCLIENT. */
  IpAddress transportClient() {
    return transportClient;
  }

  boolean trusted() {
    return trusted;
  }

  /** The client to record: the XCLIENT ADDR when one was given, else the transport client. */
  IpAddress client() {
    return client;
  }

  /** The HELO name XCLIENT gave, or null; it wins over the front-end's own EHLO. */
  String heloOverride() {
    return heloOverride;
  }

  void applyXclient(XclientRequest x) {
    x.addr().ifPresent(a -> client = a);
    x.helo().ifPresent(h -> heloOverride = h);
  }

  Ending ending() {
    return ending;
  }

  void ending(Ending e) {
    ending = e;
  }
}
