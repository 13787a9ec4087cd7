package org.backstop.trap;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * One SMTP transaction at the trap: refuses recipients outside the trap domains, spools the message
 * durably before DATA is answered 250, and records a sender callout (null sender, a trap recipient,
 * then RSET or QUIT without DATA) as a delivery without a message.
 */
final class TrapMessageHandler implements org.subethamail.smtp.MessageHandler {
  private static final Logger log = LoggerFactory.getLogger(TrapMessageHandler.class);

  /** What every transaction shares: policy, spool, courier, counters. */
  record Context(
      TrapRecipients recipients,
      Spool spool,
      Courier courier,
      Clock clock,
      long maxMessageBytes,
      TrapCounters counters) {}

  private final Context ctx;
  private final Session session;
  private final TrapSession state;
  private final List<String> rcpts = new ArrayList<>();
  private String from;
  private boolean dataStarted;

  TrapMessageHandler(Context ctx, Session session, TrapSession state) {
    this.ctx = ctx;
    this.session = session;
    this.state = state;
  }

  @Override
  public void from(String address) {
    from = address;
  }

  @Override
  public void recipient(String address) throws RejectException {
    if (!ctx.recipients().isTrap(address)) {
      ctx.counters().refusedRecipients.incrementAndGet();
      throw new RejectException(550, "5.7.1 <" + printable(address) + ">: Relay access denied");
    }
    rcpts.add(address);
  }

  @Override
  public String data(InputStream data) throws RejectException, IOException {
    dataStarted = true;
    Spool.Entry d;
    try {
      d = ctx.spool().writeMessage(envelope(false), data, ctx.maxMessageBytes());
    } catch (Spool.TooLargeException e) {
      ctx.counters().oversize.incrementAndGet();
      throw new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
    } catch (Spool.SpoolException e) {
      log.error("trap spool write failed", e);
      throw new RejectException(451, "4.3.0 Temporary failure writing the message, try later");
    }
    ctx.counters().messages.incrementAndGet();
    ctx.courier().offer(d);
    return "2.0.0 Ok: queued as " + d.id();
  }

  @Override
  public void done() {
    boolean callout =
        !dataStarted
            && from != null
            && from.isEmpty()
            && !rcpts.isEmpty()
            && state.ending() != TrapSession.Ending.NONE;
    if (!callout) {
      return;
    }
    try {
      Spool.Entry d = ctx.spool().writeCallout(envelope(true));
      ctx.counters().callouts.incrementAndGet();
      ctx.courier().offer(d);
    } catch (IOException e) {
      log.error("cannot spool a sender callout from {}", state.client(), e);
    }
  }

  private TrapDelivery envelope(boolean callout) {
    String helo =
        state.heloOverride() != null ? state.heloOverride() : session.getHelo().orElse("");
    var now = ctx.clock().instant();
    return new TrapDelivery(
        Spool.newId(now),
        now,
        state.client(),
        helo,
        from == null ? "" : from,
        rcpts,
        null,
        callout);
  }

  private static String printable(String s) {
    String t = s.length() > 100 ? s.substring(0, 100) : s;
    return t.replaceAll("[^\\x21-\\x7e]", "?");
  }
}
