package org.backstop.trap;

import java.io.IOException;
import java.util.Locale;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * The SMTP commands the trap adds to or changes in subethasmtp's command set: EHLO that announces
 * XCLIENT to trusted peers only, XCLIENT itself, RSET and QUIT that tell the message handler a
 * transaction ends without DATA (a sender callout), and BDAT switched off.
 */
final class TrapCommands {
  private TrapCommands() {}

  static void install(CommandHandler commands, SessionGate gate, String greeting) {
    commands.addCommand(new Ehlo(gate));
    commands.addCommand(new Xclient(gate, greeting));
    commands.addCommand(new Ending(commands.getCommand("RSET"), TrapSession.Ending.RSET, gate));
    commands.addCommand(new Ending(commands.getCommand("QUIT"), TrapSession.Ending.QUIT, gate));
    commands.addCommand(new Disabled("BDAT"));
  }

  /**
   * EHLO (RFC 5321 section 4.1.1.1) with PIPELINING (RFC 2920), SIZE (RFC 1870) and, for trusted
   * peers, XCLIENT.
   */
  static final class Ehlo extends BaseCommand {
    private final SessionGate gate;

    Ehlo(SessionGate gate) {
      super("EHLO", "Introduce yourself.", "<hostname>");
      this.gate = gate;
    }

    @Override
    public void execute(String line, Session sess) throws IOException {
      String[] args = getArgs(line);
      if (args.length < 2) {
        sess.sendResponse("501 5.5.4 Syntax: EHLO hostname");
        return;
      }
      sess.resetMailTransaction();
      sess.setHelo(args[1]);
      StringBuilder r = new StringBuilder();
      r.append("250-").append(sess.getServer().getHostName());
      r.append("\r\n250-PIPELINING"); // safe: commands are read one line at a time, in order
      r.append("\r\n250-8BITMIME");
      r.append("\r\n250-SIZE ").append(sess.getServer().getMaxMessageSize());
      if (gate.state(sess).trusted()) {
        r.append("\r\n250-XCLIENT ").append(XclientRequest.ANNOUNCED);
      }
      r.append("\r\n250 HELP");
      sess.sendResponse(r.toString());
    }
  }

  /**
   * XCLIENT (Postfix's XCLIENT_README): a trusted peer presents the original client; the session
   * restarts with a new 220 greeting. Refused with 550 for anyone else.
   */
  static final class Xclient extends BaseCommand {
    private final SessionGate gate;
    private final String greeting;

    Xclient(SessionGate gate, String greeting) {
      super("XCLIENT", "Presents the original client.", "attribute=value ...");
      this.gate = gate;
      this.greeting = greeting;
    }

    @Override
    public void execute(String line, Session sess) throws IOException {
      TrapSession state = gate.state(sess);
      if (!state.trusted()) {
        sess.sendResponse("550 5.7.0 Insufficient XCLIENT authorization");
        return;
      }
      if (sess.isMailTransactionInProgress()) {
        sess.sendResponse("503 5.5.1 Mail transaction in progress");
        return;
      }
      String rest = line.trim();
      rest =
          rest.length() > 7 && rest.substring(0, 7).toUpperCase(Locale.ROOT).equals("XCLIENT")
              ? rest.substring(7)
              : "";
      XclientRequest x;
      try {
        x = XclientRequest.parse(rest);
      } catch (IllegalArgumentException e) {
        sess.sendResponse("501 5.5.4 " + e.getMessage());
        return;
      }
      state.applyXclient(x);
      sess.resetSmtpProtocol();
      sess.sendResponse(greeting);
    }
  }

  /** Wraps RSET or QUIT so the message handler knows why its transaction ends. */
  static final class Ending implements Command {
    private final Command inner;
    private final TrapSession.Ending ending;
    private final SessionGate gate;

    Ending(Command inner, TrapSession.Ending ending, SessionGate gate) {
      this.inner = inner;
      this.ending = ending;
      this.gate = gate;
    }

    @Override
    public void execute(String line, Session sess) throws IOException, DropConnectionException {
      TrapSession state = gate.state(sess);
      state.ending(ending);
      try {
        inner.execute(line, sess);
      } finally {
        if (ending == TrapSession.Ending.RSET) {
          state.ending(TrapSession.Ending.NONE);
        }
      }
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
      return inner.getHelp();
    }

    @Override
    public String getName() {
      return inner.getName();
    }
  }

  /** A command the trap does not offer (BDAT: CHUNKING is not announced). */
  static final class Disabled extends BaseCommand {
    Disabled(String name) {
      super(name, "Not implemented.");
    }

    @Override
    public void execute(String line, Session sess) throws IOException {
      sess.sendResponse("502 5.5.1 Command not implemented");
    }
  }
}
