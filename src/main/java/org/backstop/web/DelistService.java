package org.backstop.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.backstop.listing.DelistingPolicy;
import org.backstop.listing.DelistingPolicy.Decision;
import org.backstop.listing.DelistingPolicy.Outcome;
import org.backstop.net.IpAddress;
import org.backstop.web.DelistRequest.Status;

/**
 * Takes delisting requests: validates them, lets {@link DelistingPolicy} decide, stores them and
 * delists at once when approved; administrators decide the queued ones. Every decision is in the
 * audit log.
 */
public final class DelistService {
  static final int MAX_EXPLANATION = 2000;
  static final int MIN_EXPLANATION = 10;
  static final int MAX_CONTACT = 254;

  private final Clock clock;
  private final Lookups lookups;
  private final DelistingStore store;
  private final AuditLog audit;
  private final DelistingPolicy policy;
  private final MeterRegistry metrics;

  public DelistService(
      Clock clock,
      Lookups lookups,
      DelistingStore store,
      AuditLog audit,
      DelistingPolicy policy,
      MeterRegistry metrics) {
    this.clock = clock;
    this.lookups = lookups;
    this.store = store;
    this.audit = audit;
    this.policy = policy;
    this.metrics = metrics;
  }

  /**
   * Files a request and decides it by policy.
   *
   * @throws WebProblem 400 for a malformed field, 409 when the address is not listed
   */
  public DelistRequest submit(String ipText, String explanation, String contact) {
    IpAddress ip = Validate.ip(ipText);
    String why = Validate.text("explanation", explanation, MIN_EXPLANATION, MAX_EXPLANATION);
    String email = Validate.email(contact);
    Optional<ListingView> listing = lookups.find(ip);
    if (listing.isEmpty() || !listing.get().listed()) {
      throw new WebProblem(409, ip + " is not listed, so there is nothing to delist");
    }
    Instant now = clock.instant();
    Decision d = policy.decide(store.lastReport(ip), store.delistings(ip));
    Status status = d.outcome() == Outcome.APPROVED ? Status.APPROVED : Status.QUEUED;
    DelistRequest r =
        new DelistRequest(
            Tokens.random(),
            ip,
            why,
            email,
            now,
            status,
            d.reason(),
            status == Status.APPROVED ? now : null,
            status == Status.APPROVED ? "policy" : null);
    store.save(r);
    if (status == Status.APPROVED) {
      store.delist(ip, "delisting request approved by policy: " + d.reason(), "policy");
      audit.record(new AuditLog.Entry(now, "policy", "delist-approve", ip.toString(), d.reason()));
    }
    metrics.counter("backstop.web.delist.requests", "outcome", status.label()).increment();
    return r;
  }

  /** The request behind a status link. */
  public Optional<DelistRequest> status(String token) {
    return Tokens.wellFormed(token) ? store.byToken(token) : Optional.empty();
  }

  /** Requests waiting for review. */
  public List<DelistRequest> queue() {
    return store.queued();
  }

  /**
   * An administrator's decision on a queued request.
   *
   * @throws WebProblem 404 for an unknown request, 409 when it was already decided
   */
  public DelistRequest decide(String token, boolean approve, String reason, String admin) {
    DelistRequest r =
        status(token).orElseThrow(() -> WebProblem.notFound("no such delisting request"));
    if (r.status() != Status.QUEUED) {
      throw new WebProblem(409, "this request was already " + r.status().label());
    }
    String why = Validate.text("reason", reason, 0, 500);
    if (why.isEmpty()) {
      why = approve ? "approved after review" : "rejected after review";
    }
    Instant now = clock.instant();
    DelistRequest done = r.decide(approve ? Status.APPROVED : Status.REJECTED, why, now, admin);
    store.update(done);
    if (approve) {
      store.delist(r.ip(), "delisting request approved: " + why, admin);
    }
    audit.record(
        new AuditLog.Entry(
            now, admin, approve ? "delist-approve" : "delist-reject", r.ip().toString(), why));
    metrics.counter("backstop.web.delist.decisions", "outcome", done.status().label()).increment();
    return done;
  }
}
