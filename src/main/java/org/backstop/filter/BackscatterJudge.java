package org.backstop.filter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.backstop.mail.Analysis;
import org.backstop.mail.BatvCheck;
import org.backstop.mail.BounceAnalyzer;
import org.backstop.mail.Hop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an inbound bounce or auto-reply backscatter when it refers to mail we never sent. A message
 * is bounce-like when its envelope sender is null (RFC 5321 section 4.5.5: bounces are sent from
 * {@code <>}) or when the analyzer recognises it (RFC 3464 DSN, RFC 3834 auto-reply, ...). A
 * bounce-like message is legitimate when any one of these holds: a recipient carries our valid BATV
 * tag; the Message-ID it reports is in the sent ledger; the quoted Received chain passed through
 * one of our relays. Otherwise it is backscatter.
 */
public final class BackscatterJudge {
  private static final Logger log = LoggerFactory.getLogger(BackscatterJudge.class);

  private final ShieldConfig config;
  private final SentLedger ledger;
  private final BounceAnalyzer analyzer;

  public BackscatterJudge(ShieldConfig config, SentLedger ledger, BounceAnalyzer analyzer) {
    this.config = config;
    this.ledger = ledger;
    this.analyzer = analyzer;
  }

  /** Judges one message; any failure inside gives NOT_BOUNCE (fail open) and is logged. */
  public Verdict judge(String sender, List<String> recipients, byte[] message) {
    Analysis a;
    try {
      a = analyzer.analyze(message);
    } catch (RuntimeException e) {
      log.error("analyzer failed; judging by the envelope only", e);
      a = Analysis.none(List.of("analyzer-error"));
    }
    boolean nullSender = sender.isEmpty();
    boolean analyzed = a.kind().isBackscatter();
    if (!nullSender && !analyzed) {
      return new Verdict(Verdict.Kind.NOT_BOUNCE, a.kind().label(), "not a bounce", List.of());
    }
    String kind = analyzed ? a.kind().label() : "null-sender";
    List<String> evidence = new ArrayList<>();
    evidence.add("kind=" + kind);

    for (String r : recipients) {
      if (config.batv() != null) {
        BatvCheck c = config.batv().check(r);
        if (c.valid()) {
          evidence.add("batv=valid");
          return new Verdict(
              Verdict.Kind.LEGITIMATE,
              kind,
              "the bounce address carries our valid BATV tag",
              evidence);
        }
        if (c.status() != org.backstop.mail.BatvStatus.UNSIGNED) {
          evidence.add("batv=" + c.status().label());
        }
      }
    }
    if (evidence.size() == 1) {
      evidence.add("batv=unsigned");
    }

    Set<String> ids = new LinkedHashSet<>();
    if (a.original().messageId() != null) {
      ids.add(a.original().messageId());
    }
    ids.addAll(ReportedMessageIds.find(message));
    try {
      for (String id : ids) {
        if (ledger.contains(id)) {
          evidence.add("sent-ledger=found");
          return new Verdict(
              Verdict.Kind.LEGITIMATE,
              kind,
              "it reports on message <" + id + "> that we sent",
              evidence);
        }
      }
    } catch (RuntimeException e) {
      // Without the ledger we cannot prove the bounce is forged: fail open.
      log.error("sent ledger unavailable; accepting the bounce", e);
      evidence.add("sent-ledger=error");
      return new Verdict(Verdict.Kind.NOT_BOUNCE, kind, "sent ledger unavailable", evidence);
    }
    evidence.add(ids.isEmpty() ? "sent-ledger=no-message-id" : "sent-ledger=not-found");

    for (Hop h : a.original().received()) {
      if (isOurRelay(h.byHost()) || isOurRelay(h.fromHost())) {
        evidence.add("received=our-relay");
        return new Verdict(
            Verdict.Kind.LEGITIMATE,
            kind,
            "the reported message passed through our relay",
            evidence);
      }
    }
    if (!a.original().received().isEmpty()) {
      evidence.add("received=not-ours");
    }
    String what = analyzed ? "a " + kind : "a bounce";
    String reason =
        ids.isEmpty()
            ? what + " about a message we cannot identify, to an address we did not sign"
            : what + " about message <" + ids.iterator().next() + "> that we never sent";
    return new Verdict(Verdict.Kind.BACKSCATTER, kind, reason, evidence);
  }

  private boolean isOurRelay(String host) {
    return host != null && config.relayHosts().contains(host.toLowerCase(Locale.ROOT));
  }
}
