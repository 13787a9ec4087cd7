package org.backstop.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted SMTP server for audit tests: well behaved, or with exactly one of the faults the audit
 * must find. It records every command it receives so tests can check the probe never reached DATA.
 */
final class FixtureSmtpServer implements AutoCloseable {

  enum Behaviour {
    /** Refuses unknown local users and foreign domains, accepts the null sender, has STARTTLS. */
    GOOD,
    /** Accepts any local recipient and would bounce later: a backscatter source. */
    ACCEPT_ALL_RECIPIENTS,
    /** Accepts recipients in any domain: an open relay. */
    OPEN_RELAY,
    /** Refuses MAIL FROM:<>. */
    REFUSE_NULL_SENDER,
    /** Does not offer STARTTLS. */
    NO_STARTTLS,
    /** Greets with terminal control sequences in its banner (a hostile server). */
    HOSTILE_BANNER
  }

  private final ServerSocket server;
  private final String domain;
  private final Behaviour behaviour;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  final List<String> commands = new CopyOnWriteArrayList<>();

  FixtureSmtpServer(String bindAddress, String domain, Behaviour behaviour) throws IOException {
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
    this.domain = domain;
    this.behaviour = behaviour;
    Thread t = new Thread(this::accept, "fixture-smtp-" + domain);
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        pool.execute(() -> talk(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void talk(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.ISO_8859_1)) {
      s.setSoTimeout(5000);
      reply(
          out,
          behaviour == Behaviour.HOSTILE_BANNER
              ? "220 mx." + domain + " ESMTP \u001b]0;owned\u0007\u001b[2J\u009bfixture"
              : "220 mx." + domain + " ESMTP fixture");
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(line);
        String u = line.toUpperCase(Locale.ROOT);
        if (u.startsWith("EHLO")) {
          reply(out, "250-mx." + domain);
          reply(out, "250-PIPELINING");
          if (behaviour != Behaviour.NO_STARTTLS) {
            reply(out, "250-STARTTLS");
          }
          reply(out, "250 8BITMIME");
        } else if (u.startsWith("HELO")) {
          reply(out, "250 mx." + domain);
        } else if (u.startsWith("MAIL FROM:")) {
          boolean nullSender = u.contains("<>");
          reply(
              out,
              nullSender && behaviour == Behaviour.REFUSE_NULL_SENDER
                  ? "553 5.1.7 null sender not accepted here"
                  : "250 2.1.0 ok");
        } else if (u.startsWith("RCPT TO:")) {
          reply(out, rcpt(line.substring(8).trim().toLowerCase(Locale.ROOT)));
        } else if (u.equals("RSET")) {
          reply(out, "250 2.0.0 ok");
        } else if (u.equals("DATA")) {
          reply(out, "354 go ahead");
        } else if (u.equals("QUIT")) {
          reply(out, "221 2.0.0 bye");
          return;
        } else {
          reply(out, "502 5.5.2 command not recognized");
        }
      }
    } catch (IOException e) {
      // the client went away: fine for a fixture
    }
  }

  private String rcpt(String addr) {
    String a = addr.replace("<", "").replace(">", "");
    String d = a.substring(a.indexOf('@') + 1);
    if (!d.equals(domain)) {
      return behaviour == Behaviour.OPEN_RELAY ? "250 2.1.5 ok" : "554 5.7.1 relay access denied";
    }
    if (a.equals("postmaster@" + domain) || behaviour == Behaviour.ACCEPT_ALL_RECIPIENTS) {
      return "250 2.1.5 ok";
    }
    return "550 5.1.1 user unknown";
  }

  private static void reply(PrintWriter out, String line) {
    out.print(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
