package org.backstop.trap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.backstop.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.internal.proxy.ProxyHandler;
import org.subethamail.smtp.server.Session;

/**
 * Takes the client address from a PROXY header (v1 or v2), but only from a peer in a trusted
 * network: a load balancer. Other peers speak SMTP straight away, and a PROXY line from them is
 * just an unknown command.
 */
final class TrustedProxyHandler implements ProxyHandler {
  private static final Logger log = LoggerFactory.getLogger(TrustedProxyHandler.class);
  private final SessionGate gate;

  TrustedProxyHandler(SessionGate gate) {
    this.gate = gate;
  }

  @Override
  public ProxyResult handle(InputStream in, OutputStream out, Session session) {
    IpAddress peer = TrapSession.address(session.getRealRemoteAddress());
    if (!gate.isTrusted(peer)) {
      return ProxyResult.NOP;
    }
    try {
      Optional<ProxyHeader.Source> src = ProxyHeader.read(in);
      if (src.isEmpty()) {
        return ProxyResult.NOP;
      }
      InetAddress a = InetAddress.getByAddress(src.get().address().bytes());
      return new ProxyResult(new InetSocketAddress(a, src.get().port()));
    } catch (ProxyHeader.BadHeaderException e) {
      log.info("bad PROXY header from {}: {}", peer, e.getMessage());
      return new ProxyResult(421, "4.7.0 " + e.getMessage());
    } catch (IOException e) {
      log.debug("no PROXY header from {}: {}", peer, e.toString());
      return new ProxyResult(421, "4.4.2 PROXY header expected");
    }
  }
}
