package org.backstop.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.backstop.listing.DelistingPolicy;
import org.backstop.listing.DelistingPolicy.Decision;
import org.backstop.listing.DelistingPolicy.Outcome;
import org.backstop.net.IpAddress;
import org.backstop.web.DelistRequest.Status;

/**
 * Takes delisting requests: validates them, lets {@link DelistingPolicy} decide, stores them and
 * delists at once when approved; administrators decide the queued ones. The store writes every
 * decision to the audit log.
 */
public final class DelistService {
  static final int MAX_EXPLANATION = 2000;
  static final int MIN_EXPLANATION = 10;
  static final int MAX_CONTACT = 254;
  static final String POLICY = "policy";

  private final Clock clock;
  private final Lookups lookups;
  private final DelistingStore store;
  private final DelistingPolicy policy;
  private final MeterRegistry metrics;

  public DelistService(
      Clock clock,
      Lookups lookups,
      DelistingStore store,
      DelistingPolicy policy,
      MeterRegistry metrics) {
    this.clock = clock;
    this.lookups = lookups;
    this.store = store;
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
    Decision d = policy.decide(store.lastReport(ip), store.delistings(ip));
    DelistRequest r = store.create(ip, why, email);
    if (d.outcome() == Outcome.APPROVED) {
      if (!store.decide(r.token(), true, d.reason(), POLICY)) {
        throw new IllegalStateException("a new request was not queued: " + r.token());
      }
      r = r.decide(Status.APPROVED, d.reason(), clock.instant(), POLICY);
    } else {
      // The policy's reason is told to the requester now; the stored request waits for a person.
      r = r.decide(Status.QUEUED, d.reason(), null, null);
    }
    metrics.counter("backstop.web.delist.requests", "outcome", r.status().label()).increment();
    return r;
  }

  /** The request behind a status link. */
  public Optional<DelistRequest> status(String token) {
    return Tokens.plausibleId(token) ? store.byToken(token) : Optional.empty();
  }

  /** What the policy says about the address now, for the reviewer. */
  public String assess(IpAddress ip) {
    return policy.decide(store.lastReport(ip), store.delistings(ip)).reason();
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
    if (!store.decide(r.token(), approve, why, admin)) {
      throw new WebProblem(409, "this request was decided meanwhile");
    }
    DelistRequest done =
        r.decide(approve ? Status.APPROVED : Status.REJECTED, why, clock.instant(), admin);
    metrics.counter("backstop.web.delist.decisions", "outcome", done.status().label()).increment();
    return done;
  }
}
