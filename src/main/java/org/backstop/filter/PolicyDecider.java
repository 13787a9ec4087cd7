package org.backstop.filter;

import java.time.Clock;
import org.backstop.mail.BatvCheck;
import org.backstop.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one policy request at RCPT time: (a) refuse a client whose DNSBL score reaches the
 * threshold; (b) refuse a bounce (null sender) to a BATV-signing domain unless the recipient
 * carries our valid tag, since every real bounce of our mail goes to a signed address; (c) slow a
 * client that sends too many bounces. Anything else, and any error, is {@code DUNNO}: the shield
 * fails open and lets Postfix's other rules decide.
 */
public final class PolicyDecider {
  private static final Logger log = LoggerFactory.getLogger(PolicyDecider.class);

  private final ShieldConfig config;
  private final DnsblScorer dnsbl;
  private final BounceRateLimiter bounces;
  private final ShieldMetrics metrics;

  public PolicyDecider(ShieldConfig config, DnsblScorer dnsbl, Clock clock) {
    this(config, dnsbl, clock, ShieldMetrics.none());
  }

  public PolicyDecider(ShieldConfig config, DnsblScorer dnsbl, Clock clock, ShieldMetrics metrics) {
    this.config = config;
    this.dnsbl = dnsbl;
    this.metrics = metrics;
    this.bounces = new BounceRateLimiter(config.bounceLimit(), ShieldConfig.BOUNCE_WINDOW, clock);
  }

  /** The action line for Postfix (without {@code action=}). Never throws. */
  public String decide(PolicyRequest r) {
    try {
      return decideOrThrow(r);
    } catch (RuntimeException e) {
      log.error("policy: error deciding {}; answering DUNNO (fail open)", r.attributes(), e);
      metrics.policy("error");
      return "DUNNO";
    }
  }

  private String decideOrThrow(PolicyRequest r) {
    String action = answer(r);
    metrics.policy(outcome(action));
    return action;
  }

  private static String outcome(String action) {
    if (action.equals("DUNNO")) {
      return "dunno";
    }
    if (action.startsWith("450")) {
      return "bounce-limit";
    }
    return action.contains("Backscatter") ? "batv-reject" : "dnsbl-reject";
  }

  private String answer(PolicyRequest r) {
    String state = r.protocolState();
    if (!state.isEmpty() && !state.equals("RCPT")) {
      return "DUNNO";
    }
    String client = r.clientAddress();
    if (config.isOurs(client) || !r.saslUsername().isEmpty()) {
      return "DUNNO";
    }
    IpAddress ip = IpAddress.tryParse(client);
    if (ip != null && dnsbl.enabled()) {
      DnsblScore s = dnsbl.score(ip);
      if (s.score() >= config.dnsblThreshold()) {
        log.debug("policy: reject client {} DNSBL score {} on {}", client, s.score(), s.listedOn());
        return "550 5.7.1 Service unavailable; client ["
            + client
            + "] blocked using "
            + String.join(", ", s.listedOn())
            + " (score "
            + s.score()
            + ")";
      }
    }
    if (!r.sender().isEmpty()) {
      return "DUNNO";
    }
    // A null sender: a bounce or another automatic notice (RFC 5321 section 4.5.5).
    if (!bounces.allow(client)) {
      log.debug("policy: defer bounce from {}: more than {} an hour", client, config.bounceLimit());
      return "450 4.7.1 Too many bounces from [" + client + "]; try again later";
    }
    String rcpt = r.recipient();
    BatvCheck check = config.batv() == null ? null : config.batv().check(rcpt);
    if (check != null && config.signs(check.address())) {
      if (check.valid()) {
        log.debug("policy: bounce to {} carries a valid BATV tag", rcpt);
        return "DUNNO";
      }
      log.debug("policy: reject bounce to {}: BATV {}", rcpt, check.status().label());
      // Postfix prefixes the reply with "<rcpt>: Recipient address rejected:".
      return "550 5.7.1 Backscatter rejected: this domain signs its mail (BATV) and the bounce"
          + " address is "
          + check.status().label();
    }
    return "DUNNO";
  }
}
