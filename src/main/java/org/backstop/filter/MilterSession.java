package org.backstop.filter;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One milter connection from Postfix: collects the envelope, headers and (a bounded part of) the
 * body, then at end of message either treats the mail as ours (outbound: ledger and BATV-sign the
 * sender) or judges it (inbound: backscatter or not) and acts. Every command that expects an answer
 * gets one; errors answer "continue" so Postfix delivers as if there were no milter.
 */
final class MilterSession {
  private static final Logger log = LoggerFactory.getLogger(MilterSession.class);

  private final ShieldConfig config;
  private final SentLedger ledger;
  private final BackscatterJudge judge;
  private final Clock clock;
  private final ShieldMetrics metrics;
  private final DataInputStream in;
  private final DataOutputStream out;

  private final Map<String, String> macros = new HashMap<>();
  private String clientAddress = "";
  private String sender;
  private final List<String> recipients = new ArrayList<>();
  private final ByteArrayOutputStream message = new ByteArrayOutputStream();
  private String messageId;
  private boolean truncated;

  MilterSession(
      ShieldConfig config,
      SentLedger ledger,
      BackscatterJudge judge,
      Clock clock,
      ShieldMetrics metrics,
      DataInputStream in,
      DataOutputStream out) {
    this.config = config;
    this.ledger = ledger;
    this.judge = judge;
    this.clock = clock;
    this.metrics = metrics;
    this.in = in;
    this.out = out;
  }

  /** Serves packets until the MTA quits or the connection ends. */
  void run() throws IOException {
    while (true) {
      MilterProtocol.Packet p;
      try {
        p = MilterProtocol.read(in);
      } catch (EOFException e) {
        return;
      }
      if (!handle(p)) {
        return;
      }
      out.flush();
    }
  }

  private boolean handle(MilterProtocol.Packet p) throws IOException {
    byte[] d = p.data();
    switch (p.command()) {
      case MilterProtocol.OPTNEG -> negotiate(d);
      case MilterProtocol.MACRO -> macros(d);
      case MilterProtocol.CONNECT -> {
        connect(d);
        reply(MilterProtocol.CONTINUE);
      }
      case MilterProtocol.MAIL -> {
        resetMessage();
        List<String> args = MilterProtocol.strings(d, 0);
        sender = args.isEmpty() ? "" : MilterProtocol.unbracket(args.get(0));
        reply(MilterProtocol.CONTINUE);
      }
      case MilterProtocol.RCPT -> {
        List<String> args = MilterProtocol.strings(d, 0);
        if (!args.isEmpty() && recipients.size() < 1000) {
          recipients.add(MilterProtocol.unbracket(args.get(0)));
        }
        reply(MilterProtocol.CONTINUE);
      }
      case MilterProtocol.HEADER -> {
        List<String> nv = MilterProtocol.strings(d, 0);
        String name = nv.isEmpty() ? "" : nv.get(0);
        String value = nv.size() > 1 ? nv.get(1) : "";
        if (name.equalsIgnoreCase("Message-ID") && messageId == null) {
          messageId = value.strip();
        }
        append((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8));
        reply(MilterProtocol.CONTINUE);
      }
      case MilterProtocol.EOH -> {
        append("\r\n".getBytes(StandardCharsets.US_ASCII));
        reply(MilterProtocol.CONTINUE);
      }
      case MilterProtocol.BODY -> {
        append(d);
        reply(MilterProtocol.CONTINUE);
      }
      case MilterProtocol.BODYEOB -> {
        if (d.length > 0) {
          append(d);
        }
        endOfMessage();
        resetMessage();
      }
      case MilterProtocol.ABORT -> resetMessage();
      case MilterProtocol.QUIT -> {
        return false;
      }
      case MilterProtocol.QUIT_NC -> {
        resetMessage();
        macros.clear();
        clientAddress = "";
      }
      case MilterProtocol.HELO, MilterProtocol.DATA, MilterProtocol.UNKNOWN ->
          reply(MilterProtocol.CONTINUE);
      default -> {
        log.warn("milter: unknown command '{}', continuing", p.command());
        reply(MilterProtocol.CONTINUE);
      }
    }
    return true;
  }

  private void negotiate(byte[] d) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(d);
    int version = d.length >= 4 ? b.getInt() : MilterProtocol.VERSION;
    int offered = d.length >= 8 ? b.getInt() : 0;
    int wanted =
        MilterProtocol.SMFIF_ADDHDRS
            | MilterProtocol.SMFIF_CHGFROM
            | MilterProtocol.SMFIF_QUARANTINE;
    ByteBuffer r = ByteBuffer.allocate(12);
    r.putInt(Math.min(version, MilterProtocol.VERSION));
    r.putInt(wanted & offered);
    // Protocol flags 0: we want every event and answer each one.
    r.putInt(0);
    MilterProtocol.write(out, MilterProtocol.OPTNEG, r.array());
  }

  private void macros(byte[] d) {
    List<String> kv = MilterProtocol.strings(d, 1);
    for (int i = 0; i + 1 < kv.size() && macros.size() < 200; i += 2) {
      macros.put(kv.get(i), kv.get(i + 1));
    }
  }

  private void connect(byte[] d) {
    // hostname NUL, family byte ('4', '6', 'L', 'U'), port (2 bytes), address NUL
    int nul = 0;
    while (nul < d.length && d[nul] != 0) {
      nul++;
    }
    int family = nul + 1 < d.length ? d[nul + 1] : 'U';
    if ((family == '4' || family == '6') && nul + 4 <= d.length) {
      List<String> rest = MilterProtocol.strings(d, nul + 4);
      clientAddress = rest.isEmpty() ? "" : rest.get(0);
      if (clientAddress.regionMatches(true, 0, "IPv6:", 0, 5)) {
        clientAddress = clientAddress.substring(5);
      }
    }
  }

  private void append(byte[] data) {
    int room = config.maxMessageBytes() - message.size();
    if (room <= 0) {
      truncated = true;
      return;
    }
    message.write(data, 0, Math.min(room, data.length));
    truncated |= data.length > room;
  }

  private void resetMessage() {
    sender = null;
    recipients.clear();
    message.reset();
    messageId = null;
    truncated = false;
  }

  private boolean outbound() {
    String auth = macros.getOrDefault("{auth_authen}", "");
    return !auth.isEmpty() || config.isOurs(clientAddress);
  }

  private void endOfMessage() throws IOException {
    try {
      if (sender == null) {
        reply(MilterProtocol.CONTINUE);
        return;
      }
      if (outbound()) {
        outboundMessage();
      } else {
        inboundMessage();
      }
    } catch (RuntimeException e) {
      log.error("milter: error at end of message from {}; accepting (fail open)", clientAddress, e);
      reply(MilterProtocol.CONTINUE);
    }
  }

  private void outboundMessage() throws IOException {
    String id = messageId;
    if (id == null || SentLedger.normalise(id).isEmpty()) {
      // Without a Message-ID a bounce could never be matched: give the message one now.
      String host = macros.getOrDefault("j", "backstop.invalid");
      id = "<" + UUID.randomUUID() + "@" + host + ">";
      MilterProtocol.write(out, MilterProtocol.ADDHEADER, "Message-ID", id);
    }
    if (!sender.isEmpty()) {
      try {
        ledger.record(new SentMessage(id, sender, recipients, clock.instant()));
      } catch (RuntimeException e) {
        log.error("milter: could not record {} in the sent ledger", id, e);
      }
      boolean signedNow = false;
      if (config.signs(sender)) {
        String signed = config.batv().sign(sender);
        if (!signed.equals(sender)) {
          MilterProtocol.write(out, MilterProtocol.CHGFROM, "<" + signed + ">");
          signedNow = true;
        }
      }
      metrics.outbound(signedNow);
    }
    log.info("milter: outbound {} from <{}> to {} recorded", id, sender, recipients);
    reply(MilterProtocol.CONTINUE);
  }

  private void inboundMessage() throws IOException {
    Verdict v = judge.judge(sender, recipients, message.toByteArray());
    if (v.kind() == Verdict.Kind.NOT_BOUNCE) {
      reply(MilterProtocol.CONTINUE);
      return;
    }
    metrics.verdict(v.kind(), config.action());
    log.info(
        "milter: {} from {} to {}: {} [{}]{}",
        v.kind().label(),
        clientAddress,
        recipients,
        v.reason(),
        String.join(", ", v.evidence()),
        truncated ? " (message truncated for analysis)" : "");
    if (v.kind() == Verdict.Kind.BACKSCATTER) {
      switch (config.action()) {
        case REJECT -> {
          MilterProtocol.write(
              out, MilterProtocol.REPLYCODE, "550 5.7.1 Backscatter rejected: " + v.reason());
          return;
        }
        case QUARANTINE ->
            MilterProtocol.write(out, MilterProtocol.QUARANTINE, "backscatter: " + v.reason());
        case HEADER, ACCEPT -> {
          // headers below for HEADER; ACCEPT only logs
        }
      }
    }
    if (config.action() != ShieldAction.ACCEPT) {
      MilterProtocol.write(out, MilterProtocol.ADDHEADER, "X-Backstop-Verdict", v.kind().label());
      MilterProtocol.write(out, MilterProtocol.ADDHEADER, "X-Backstop-Reason", v.reason());
      MilterProtocol.write(
          out, MilterProtocol.ADDHEADER, "X-Backstop-Evidence", String.join(", ", v.evidence()));
    }
    reply(MilterProtocol.CONTINUE);
  }

  private void reply(char code) throws IOException {
    MilterProtocol.write(out, code, new byte[0]);
  }
}
