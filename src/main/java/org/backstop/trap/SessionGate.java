package org.backstop.trap;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits SMTP sessions: refuses new ones while the server drains for shutdown, limits concurrent
 * sessions per client address (trusted peers such as a front-end MTA are exempt: they limit their
 * own clients), and keeps each session's {@link TrapSession}.
 */
final class SessionGate implements SessionHandler {
  private final int perIp;
  private final List<Cidr> trusted;
  private final Map<Session, TrapSession> sessions = new ConcurrentHashMap<>();
  private final Map<IpAddress, Integer> perClient = new ConcurrentHashMap<>();
  private volatile boolean draining;

  SessionGate(int perIp, List<Cidr> trusted) {
    this.perIp = perIp;
    this.trusted = List.copyOf(trusted);
  }

  boolean isTrusted(IpAddress a) {
    for (Cidr c : trusted) {
      if (c.contains(a)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public SessionAcceptance accept(Session session) {
    if (draining) {
      return SessionAcceptance.failure(421, "4.3.2 Service shutting down, try again later");
    }
    IpAddress client = TrapSession.address(session.getRemoteAddress());
    boolean isTrusted = isTrusted(client);
    if (!isTrusted) {
      int n = perClient.merge(client, 1, Integer::sum);
      if (n > perIp) {
        release(client);
        return SessionAcceptance.failure(
            421, "4.7.0 Too many connections from " + client + ", try again later");
      }
    }
    sessions.put(session, new TrapSession(client, isTrusted));
    noDelay(session.getSocket());
    return SessionAcceptance.success();
  }

  /**
   * Turns Nagle's algorithm off. subethasmtp writes each reply on its own and flushes it; to a
   * pipelining client (RFC 2920: MAIL, RCPT and DATA in one packet) the second and third replies
   * would otherwise wait for the ACK of the first, which the client delays by up to 40 ms: that
   * wait was three quarters of each message's time in bench/trap.sh.
   */
  static void noDelay(Socket socket) {
    try {
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      // the client is gone already; the session ends on its first read
    }
  }

  @Override
  public void onSessionEnd(Session session) {
    TrapSession s = sessions.remove(session);
    if (s != null && !s.trusted()) {
      release(s.transportClient());
    }
  }

  private void release(IpAddress client) {
    perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** The trap state of a session admitted by this gate. */
  TrapSession state(Session session) {
    TrapSession s = sessions.get(session);
    if (s == null) {
      throw new IllegalStateException("session not admitted by the gate");
    }
    return s;
  }

  /** Closes sessions open longer than {@code max}; returns how many. Never throws. */
  int reap(java.time.Duration max) {
    long now = System.nanoTime();
    int closed = 0;
    for (Map.Entry<Session, TrapSession> e : sessions.entrySet()) {
      if (now - e.getValue().startedNanos() > max.toNanos()) {
        try {
          e.getKey().quit(); // closes the socket; the session's thread then ends
          closed++;
        } catch (RuntimeException ignored) {
          // the session ended by itself meanwhile
        }
      }
    }
    return closed;
  }

  int active() {
    return sessions.size();
  }

  void drain() {
    draining = true;
  }
}
