package org.backstop.web;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.backstop.listing.AuditEntry;
import org.backstop.listing.DelistingRequest;
import org.backstop.listing.EvidenceSample;
import org.backstop.listing.HistoryEvent;
import org.backstop.listing.Listing;
import org.backstop.listing.ListingQueries;
import org.backstop.listing.ListingService;
import org.backstop.listing.LookupResult;
import org.backstop.listing.OperatorActions;
import org.backstop.listing.Outcome;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.backstop.web.DelistRequest.Status;

/**
 * The web site's view of the listing storage: adapts {@link ListingService} and its helper queries
 * to the small interfaces the routes use, so the routes stay testable without a database.
 */
public final class ListingBackend
    implements Lookups, DelistingStore, AdminStore, AuditLog, StatsSource {
  private static final String QUEUED = "queued";

  private final ListingService service;
  private final ListingQueries queries;
  private final OperatorActions actions;

  public ListingBackend(ListingService service, ListingQueries queries, OperatorActions actions) {
    this.service = Objects.requireNonNull(service);
    this.queries = Objects.requireNonNull(queries);
    this.actions = Objects.requireNonNull(actions);
  }

  /** All five interfaces as the site's backend. */
  public WebSite.Backend backend() {
    return new WebSite.Backend(this, this, this, this, this);
  }

  // ---- Lookups

  @Override
  public Optional<ListingView> find(IpAddress ip) {
    LookupResult r = service.lookup(ip);
    if (r.listing() == null) {
      return Optional.empty();
    }
    return Optional.of(view(r.listing(), r.listed(), r.evidence(), r.history(), ip));
  }

  private ListingView view(
      Listing l,
      boolean listed,
      List<EvidenceSample> evidence,
      List<HistoryEvent> history,
      IpAddress ip) {
    String kind =
        evidence.stream()
            .filter(e -> e.outcome() == Outcome.LISTED || e.outcome() == Outcome.RENEWED)
            .findFirst()
            .map(e -> e.kind().label())
            .orElse(null);
    Instant delisted =
        history.stream()
            .filter(h -> h.event().equals("removed"))
            .map(HistoryEvent::at)
            .findFirst()
            .orElse(null);
    String excerpt = listed ? queries.latestExcerpt(ip).orElse(null) : null;
    return new ListingView(
        l.ip(),
        listed,
        l.firstReport(),
        l.impact(),
        l.lastReport(),
        listed ? l.expiresAt() : null,
        kind,
        excerpt,
        delisted);
  }

  // ---- DelistingStore

  @Override
  public Instant lastReport(IpAddress ip) {
    LookupResult r = service.lookup(ip);
    return r.listing() == null ? null : r.listing().lastReport();
  }

  @Override
  public List<Instant> delistings(IpAddress ip) {
    return service.lookup(ip).history().stream()
        .filter(h -> h.event().equals("removed"))
        .map(HistoryEvent::at)
        .toList();
  }

  @Override
  public DelistRequest create(IpAddress ip, String explanation, String contact) {
    return request(service.requestDelisting(ip, contact, explanation));
  }

  @Override
  public Optional<DelistRequest> byToken(String token) {
    return queries.delistingRequest(token).map(ListingBackend::request);
  }

  @Override
  public List<DelistRequest> queued() {
    return service.delistingRequests(QUEUED, 500).stream().map(ListingBackend::request).toList();
  }

  @Override
  public boolean decide(String token, boolean approve, String reason, String actor) {
    return service.decideDelisting(token, approve, actor, reason);
  }

  private static DelistRequest request(DelistingRequest r) {
    Status status =
        switch (r.status()) {
          case "approved" -> Status.APPROVED;
          case "rejected" -> Status.REJECTED;
          default -> Status.QUEUED;
        };
    return new DelistRequest(
        r.id(),
        r.ip(),
        r.message(),
        r.contact(),
        r.requestedAt(),
        status,
        r.note(),
        r.decidedAt(),
        r.decidedBy());
  }

  // ---- AdminStore

  @Override
  public List<ListingView> listed(int limit) {
    return service.list(true, limit, 0).stream()
        .map(
            l ->
                new ListingView(
                    l.ip(),
                    true,
                    l.firstReport(),
                    l.impact(),
                    l.lastReport(),
                    l.expiresAt(),
                    null,
                    null,
                    null))
        .toList();
  }

  @Override
  public void list(IpAddress ip, String reason, String actor) {
    var d = actions.listByHand(ip, reason, actor);
    if (!d.lists()) {
      throw new WebProblem(409, ip + " cannot be listed: " + d.reason());
    }
  }

  @Override
  public boolean unlist(IpAddress ip, String reason, String actor) {
    return service.remove(ip, reason, actor);
  }

  @Override
  public List<AllowEntry> allowlist() {
    return service.allowlist().stream()
        .map(e -> new AllowEntry(e.network(), e.reason(), e.addedAt()))
        .toList();
  }

  @Override
  public void allow(Cidr network, String reason, String actor) {
    service.allow(network, reason, actor);
  }

  @Override
  public boolean disallow(Cidr network, String actor) {
    return service.disallow(network, actor);
  }

  @Override
  public List<Reporter> reporters() {
    return service.reporters().stream().map(ListingBackend::reporter).toList();
  }

  @Override
  public IssuedReporter createReporter(String name, boolean trusted, String actor) {
    var t = service.createReporter(name, trusted, actor);
    return new IssuedReporter(reporter(t.reporter()), t.token());
  }

  @Override
  public boolean revokeReporter(String name, String actor) {
    return service.disableReporter(name, actor);
  }

  private static Reporter reporter(org.backstop.listing.Reporter r) {
    return new Reporter(r.id(), r.name(), r.trusted(), r.createdAt(), !r.disabled());
  }

  // ---- AuditLog

  @Override
  public void record(Entry e) {
    actions.append(new AuditEntry(e.at(), e.actor(), e.action(), e.subject(), e.detail()));
  }

  @Override
  public List<Entry> recent(int limit) {
    return service.audit(limit).stream()
        .map(a -> new Entry(a.at(), a.actor(), a.action(), a.target(), a.detail()))
        .toList();
  }

  // ---- StatsSource

  @Override
  public Stats stats(int days) {
    ListingQueries.Figures f = queries.figures(days);
    return new Stats(
        f.activeListings(),
        f.totalReports(),
        f.listingsPerDay().stream().map(d -> new DayCount(d.day(), d.count())).toList(),
        f.reportsPerDay().stream().map(d -> new DayCount(d.day(), d.count())).toList(),
        f.byKind(),
        f.topTraps().stream().map(t -> new TrapCount(t.trap(), t.count())).toList());
  }
}
