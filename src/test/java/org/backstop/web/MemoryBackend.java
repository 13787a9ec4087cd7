package org.backstop.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/** An in-memory stand-in for the listing storage, for the web tests. */
final class MemoryBackend implements Lookups, DelistingStore, AdminStore, AuditLog, StatsSource {
  final Clock clock;
  final Map<IpAddress, ListingView> listings = new LinkedHashMap<>();
  final Map<IpAddress, List<Instant>> delisted = new LinkedHashMap<>();
  final Map<String, DelistRequest> requests = new LinkedHashMap<>();
  final List<AllowEntry> allow = new ArrayList<>();
  final List<Reporter> reporters = new ArrayList<>();
  final List<Entry> audit = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  MemoryBackend(Clock clock) {
    this.clock = clock;
  }

  WebSite.Backend backend() {
    return new WebSite.Backend(this, this, this, this, this);
  }

  /** Lists an address as the trap would, with a report at the given time. */
  synchronized void report(IpAddress ip, Instant at, String kind, String headers) {
    ListingView old = listings.get(ip);
    boolean fresh = old == null || !old.listed();
    listings.put(
        ip,
        new ListingView(
            ip,
            true,
            fresh ? at : old.since(),
            fresh ? 1 : old.impactCount() + 1,
            at,
            at.plus(Duration.ofDays(28)),
            kind,
            headers,
            old == null ? null : old.delistedAt()));
  }

  @Override
  public synchronized Optional<ListingView> find(IpAddress ip) {
    return Optional.ofNullable(listings.get(ip));
  }

  @Override
  public synchronized Instant lastReport(IpAddress ip) {
    ListingView v = listings.get(ip);
    return v == null ? null : v.lastImpact();
  }

  @Override
  public synchronized List<Instant> delistings(IpAddress ip) {
    return List.copyOf(delisted.getOrDefault(ip, List.of()));
  }

  @Override
  public synchronized DelistRequest create(IpAddress ip, String explanation, String contact) {
    DelistRequest r =
        new DelistRequest(
            java.util.UUID.randomUUID().toString(),
            ip,
            explanation,
            contact,
            clock.instant(),
            DelistRequest.Status.QUEUED,
            null,
            null,
            null);
    requests.put(r.token(), r);
    return r;
  }

  @Override
  public synchronized boolean decide(String token, boolean approve, String reason, String actor) {
    DelistRequest r = requests.get(token);
    if (r == null || r.status() != DelistRequest.Status.QUEUED) {
      return false;
    }
    requests.put(
        token,
        r.decide(
            approve ? DelistRequest.Status.APPROVED : DelistRequest.Status.REJECTED,
            reason,
            clock.instant(),
            actor));
    record(
        new Entry(
            clock.instant(),
            actor,
            approve ? "delisting.approve" : "delisting.reject",
            r.ip().toString(),
            reason));
    if (approve) {
      unlist(r.ip(), reason, actor);
    }
    return true;
  }

  @Override
  public synchronized Optional<DelistRequest> byToken(String token) {
    return Optional.ofNullable(requests.get(token));
  }

  @Override
  public synchronized List<DelistRequest> queued() {
    return requests.values().stream()
        .filter(r -> r.status() == DelistRequest.Status.QUEUED)
        .sorted(Comparator.comparing(DelistRequest::created))
        .toList();
  }

  @Override
  public synchronized List<ListingView> listed(int limit) {
    return listings.values().stream().filter(ListingView::listed).limit(limit).toList();
  }

  @Override
  public synchronized void list(IpAddress ip, String reason, String actor) {
    report(ip, clock.instant(), "bounce", null);
    record(new Entry(clock.instant(), actor, "listing.add", ip.toString(), reason));
  }

  @Override
  public synchronized boolean unlist(IpAddress ip, String reason, String actor) {
    ListingView v = listings.get(ip);
    if (v == null || !v.listed()) {
      return false;
    }
    record(new Entry(clock.instant(), actor, "listing.remove", ip.toString(), reason));
    Instant now = clock.instant();
    listings.put(
        ip,
        new ListingView(
            ip,
            false,
            v.since(),
            v.impactCount(),
            v.lastImpact(),
            null,
            v.evidenceKind(),
            v.headerSample(),
            now));
    delisted.computeIfAbsent(ip, k -> new ArrayList<>()).add(now);
    return true;
  }

  @Override
  public synchronized List<AllowEntry> allowlist() {
    return List.copyOf(allow);
  }

  @Override
  public synchronized void allow(Cidr network, String reason, String actor) {
    allow.add(new AllowEntry(network, reason, clock.instant()));
    record(new Entry(clock.instant(), actor, "allowlist.add", network.toString(), reason));
  }

  @Override
  public synchronized boolean disallow(Cidr network, String actor) {
    return allow.removeIf(e -> e.network().equals(network));
  }

  @Override
  public synchronized List<Reporter> reporters() {
    return List.copyOf(reporters);
  }

  @Override
  public synchronized IssuedReporter createReporter(String name, boolean trusted, String actor) {
    if (reporters.stream().anyMatch(r -> r.name().equals(name))) {
      throw new IllegalArgumentException("a reporter named " + name + " exists");
    }
    Reporter r = new Reporter("r" + ids.incrementAndGet(), name, trusted, clock.instant(), true);
    record(new Entry(clock.instant(), actor, "reporter.create", name, ""));
    reporters.add(r);
    return new IssuedReporter(r, Tokens.random());
  }

  @Override
  public synchronized boolean revokeReporter(String name, String actor) {
    for (int i = 0; i < reporters.size(); i++) {
      Reporter r = reporters.get(i);
      if (r.name().equals(name) && r.active()) {
        reporters.set(i, new Reporter(r.id(), name, r.trusted(), r.created(), false));
        record(new Entry(clock.instant(), actor, "reporter.disable", name, ""));
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void record(Entry entry) {
    audit.add(entry);
  }

  @Override
  public synchronized List<Entry> recent(int limit) {
    List<Entry> copy = new ArrayList<>(audit);
    java.util.Collections.reverse(copy);
    return copy.stream().limit(limit).toList();
  }

  @Override
  public synchronized Stats stats(int days) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<DayCount> perDay = new ArrayList<>();
    List<DayCount> reports = new ArrayList<>();
    for (int i = days - 1; i >= 0; i--) {
      LocalDate d = today.minusDays(i);
      Instant end = d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      Instant start = d.atStartOfDay().toInstant(ZoneOffset.UTC);
      perDay.add(
          new DayCount(
              d,
              listings.values().stream()
                  .filter(v -> v.since() != null && v.since().isBefore(end))
                  .filter(v -> v.listed() || v.delistedAt().isAfter(end))
                  .count()));
      reports.add(
          new DayCount(
              d,
              listings.values().stream()
                  .filter(v -> v.lastImpact() != null)
                  .filter(v -> !v.lastImpact().isBefore(start) && v.lastImpact().isBefore(end))
                  .mapToLong(ListingView::impactCount)
                  .sum()));
    }
    Map<String, Long> kinds = new LinkedHashMap<>();
    listings.values().forEach(v -> kinds.merge(v.evidenceKind(), v.impactCount(), Long::sum));
    return new Stats(
        listings.values().stream().filter(ListingView::listed).count(),
        listings.values().stream().mapToLong(ListingView::impactCount).sum(),
        perDay,
        reports,
        kinds,
        List.of(new TrapCount("trap1@traps.example", 7), new TrapCount("x@traps.example", 2)));
  }
}
