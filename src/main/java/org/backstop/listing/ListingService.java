package org.backstop.listing;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;
import org.backstop.net.SpecialPurposeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listing service: records evidence and applies the policy in one transaction, answers lookups,
 * expires, removes and allowlists. Everything that changes what is published bumps the change
 * counter and tells the listeners (the publisher), so the zone follows.
 */
public final class ListingService {
  private static final Logger log = LoggerFactory.getLogger(ListingService.class);

  private static final java.util.Map<String, Reporter> BUILT_IN =
      java.util.Map.of(
          "trap", new Reporter("trap", "trap", true, false, Instant.EPOCH),
          "operator", new Reporter("operator", "operator", true, false, Instant.EPOCH));

  private final Database db;
  private final ListingPolicy policy;
  private final Clock clock;
  private final ListingStore listings = new ListingStore();
  private final ReporterStore reporters = new ReporterStore();
  private final AllowlistStore allowlist = new AllowlistStore();
  private final DelistingStore delistings = new DelistingStore();
  private final AuditLog audit = new AuditLog();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public ListingService(Database db, ListingPolicy policy, Clock clock) {
    this.db = db;
    this.policy = policy;
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  public PolicyConfig policy() {
    return policy.config();
  }

  /** Registers a callback run after every committed change to what is published. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  private void changed() {
    for (Runnable r : listeners) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("change listener failed", e);
      }
    }
  }

  private record Recorded(Decision decision, boolean changed) {}

  /**
   * Records one piece of evidence and applies the policy. Idempotent on the evidence id: the second
   * time, nothing is stored and the first decision is returned.
   *
   * @throws IllegalArgumentException when the reporter is unknown
   */
  public Decision record(Evidence e) {
    Instant now = clock.instant();
    String special =
        SpecialPurposeRegistry.find(e.ip()).map(x -> x.name() + ", " + x.reference()).orElse(null);
    Recorded r = db.write(c -> record(c, e, special, now));
    if (r.changed()) {
      changed();
    }
    return r.decision();
  }

  /**
   * Records several pieces of evidence in one transaction (one commit instead of one each, which is
   * what bounds the trap's throughput) and applies the policy to each in order, exactly as {@link
   * #record} would one after the other. Idempotent on each evidence id, within the batch too. When
   * it throws, nothing of the batch is stored.
   *
   * @return the decisions, in the order of the evidence
   * @throws IllegalArgumentException when a reporter is unknown
   */
  public List<Decision> recordAll(List<Evidence> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<String> special = new ArrayList<>(batch.size());
    for (Evidence e : batch) {
      special.add(
          SpecialPurposeRegistry.find(e.ip())
              .map(x -> x.name() + ", " + x.reference())
              .orElse(null));
    }
    List<Recorded> recorded =
        db.write(
            c -> {
              List<Recorded> out = new ArrayList<>(batch.size());
              for (int i = 0; i < batch.size(); i++) {
                out.add(record(c, batch.get(i), special.get(i), now));
              }
              return out;
            });
    if (recorded.stream().anyMatch(Recorded::changed)) {
      changed(); // once per batch: the publisher debounces anyway
    }
    return recorded.stream().map(Recorded::decision).toList();
  }

  private Recorded record(Connection c, Evidence e, String special, Instant now)
      throws SQLException {
    Optional<Decision> prior = listings.storedDecision(c, e.id());
    if (prior.isPresent()) {
      return new Recorded(prior.get(), false);
    }
    // The built-in reporters are fixed rows (the migration creates them, nothing disables
    // them): skipping their lookup saves a query on every trap delivery.
    Reporter reporter =
        BUILT_IN.containsKey(e.reporterId())
            ? BUILT_IN.get(e.reporterId())
            : reporters
                .byId(c, e.reporterId())
                .orElseThrow(
                    () -> new IllegalArgumentException("unknown reporter " + e.reporterId()));
    Optional<Listing> current = listings.find(c, e.ip());
    boolean listed = current.map(l -> l.listedAt(now)).orElse(false);
    int independent = 0;
    if (!reporter.trusted()) {
      List<String> others =
          listings.untrustedReporters(
              c,
              e.ip(),
              e.receivedAt().minus(policy.config().expiry()),
              List.copyOf(policy.config().listingKinds()));
      independent = others.size() + (others.contains(reporter.id()) ? 0 : 1);
    }
    String allowed = allowlist.find(c, e.ip()).map(AllowlistEntry::reason).orElse(null);
    Decision d =
        policy.decide(
            e, new PolicyFacts(special, allowed, reporter.trusted(), independent, listed));
    listings.insertReport(c, e, d);
    if (!d.lists()) {
      return new Recorded(d, false);
    }
    Instant at = e.receivedAt();
    if (listed) {
      Listing l = current.get();
      Instant last = at.isAfter(l.lastReport()) ? at : l.lastReport();
      listings.upsert(
          c,
          new Listing(
              e.ip(),
              true,
              l.firstReport(),
              last,
              last.plus(policy.config().expiry()),
              l.impact() + 1,
              d.reason()),
          now);
      return new Recorded(d, false);
    }
    long impact = reporter.trusted() ? 1 : independent;
    listings.upsert(
        c,
        new Listing(e.ip(), true, at, at, at.plus(policy.config().expiry()), impact, d.reason()),
        now);
    listings.history(c, e.ip(), now, "listed", "policy", d.reason());
    listings.logChange(c, listings.bumpVersion(c), e.ip(), true, now);
    return new Recorded(d, true);
  }

  /** Everything known about an address. */
  public LookupResult lookup(IpAddress ip) {
    Instant now = clock.instant();
    String special =
        SpecialPurposeRegistry.find(ip).map(x -> x.name() + ", " + x.reference()).orElse(null);
    return db.read(
        c -> {
          Optional<Listing> l = listings.find(c, ip);
          return new LookupResult(
              ip,
              l.map(x -> x.listedAt(now)).orElse(false),
              l.orElse(null),
              listings.samples(c, ip, policy.config().samples()),
              listings.history(c, ip, 50),
              special,
              allowlist.find(c, ip).map(AllowlistEntry::reason).orElse(null));
        });
  }

  /** Listings, most recently reported first. */
  public List<Listing> list(boolean activeOnly, int limit, int offset) {
    return db.read(c -> listings.list(c, activeOnly, limit, offset));
  }

  /** How many listings there are (active only, or all). */
  public long count(boolean activeOnly) {
    return db.read(c -> listings.count(c, activeOnly));
  }

  /** Streams every address published now as RFC 5952 text, for the publisher; returns the count. */
  public int forEachListed(Consumer<String> sink) {
    Instant now = clock.instant();
    return db.read(c -> listings.forEachListed(c, now, sink));
  }

  /**
   * The changes to what is published after a version, up to the current one; empty when the log no
   * longer reaches back that far (the caller then reloads everything).
   */
  public Optional<ListingChanges> changesSince(long version) {
    return db.read(
        c -> {
          long upTo = listings.version(c);
          if (upTo == version) {
            return Optional.of(new ListingChanges(upTo, List.of()));
          }
          long oldest = listings.oldestChange(c);
          if (oldest == 0 || oldest > version + 1) {
            return Optional.empty();
          }
          return Optional.of(new ListingChanges(upTo, listings.changes(c, version, upTo)));
        });
  }

  /** The change counter: it grows whenever what is published may have changed. */
  public long version() {
    return db.read(listings::version);
  }

  /** The SOA serial of the last publication, kept so it grows across restarts. */
  public long publishedSerial() {
    return db.read(listings::publishedSerial);
  }

  /** Remembers the SOA serial of a publication. */
  public void recordPublishedSerial(long serial) {
    db.write(
        c -> {
          listings.setPublishedSerial(c, serial);
          return null;
        });
  }

  /** Removes a listing by an operator's decision; false when it was not listed. */
  public boolean remove(IpAddress ip, String reason, String actor) {
    Instant now = clock.instant();
    boolean removed =
        db.write(
            c -> {
              Optional<Listing> l = listings.find(c, ip);
              if (l.isEmpty() || !l.get().active()) {
                return false;
              }
              listings.deactivate(c, ip, "removed: " + reason, now);
              listings.history(c, ip, now, "removed", actor, reason);
              audit.append(c, new AuditEntry(now, actor, "listing.remove", ip.toString(), reason));
              listings.logChange(c, listings.bumpVersion(c), ip, false, now);
              return true;
            });
    if (removed) {
      changed();
    }
    return removed;
  }

  /** Ends every listing whose expiry has passed; returns the addresses that expired. */
  public List<IpAddress> expire() {
    Instant now = clock.instant();
    String why = "expired: no report for " + policy.config().expiry().toDays() + " days";
    List<IpAddress> expired =
        db.write(
            c -> {
              // Keep a week of change log: enough for any publisher that is running.
              listings.pruneChanges(c, now.minus(java.time.Duration.ofDays(7)));
              List<IpAddress> due = listings.due(c, now);
              if (due.isEmpty()) {
                return due;
              }
              long v = listings.bumpVersion(c);
              for (IpAddress ip : due) {
                listings.deactivate(c, ip, why, now);
                listings.history(c, ip, now, "expired", "expiry", why);
                listings.logChange(c, v, ip, false, now);
              }
              return due;
            });
    if (!expired.isEmpty()) {
      changed();
    }
    return expired;
  }

  /** Registers a reporter and returns its token, which is shown only this once. */
  public ReporterToken createReporter(String name, boolean trusted, String actor) {
    Instant now = clock.instant();
    return db.write(
        c -> {
          if (reporters.byName(c, name).isPresent()) {
            throw new IllegalArgumentException("a reporter named " + name + " exists");
          }
          ReporterStore.Created r = reporters.create(c, name, trusted, now);
          audit.append(
              c,
              new AuditEntry(
                  now, actor, "reporter.create", name, trusted ? "trusted" : "external"));
          return new ReporterToken(r.reporter(), r.token());
        });
  }

  /** The enabled reporter a bearer token belongs to. */
  public Optional<Reporter> authenticate(String token) {
    return db.read(c -> reporters.byToken(c, token));
  }

  public List<Reporter> reporters() {
    return db.read(reporters::all);
  }

  /** Disables a reporter's token. */
  public boolean disableReporter(String name, String actor) {
    Instant now = clock.instant();
    return db.write(
        c -> {
          Optional<Reporter> r = reporters.byName(c, name);
          if (r.isEmpty() || r.get().id().equals("trap") || r.get().id().equals("operator")) {
            return false;
          }
          reporters.setDisabled(c, r.get().id(), true);
          audit.append(c, new AuditEntry(now, actor, "reporter.disable", name, ""));
          return true;
        });
  }

  /** Allowlists a network and ends the listings inside it. */
  public List<IpAddress> allow(Cidr network, String reason, String actor) {
    Instant now = clock.instant();
    List<IpAddress> ended =
        db.write(
            c -> {
              allowlist.add(c, new AllowlistEntry(network, reason, now, actor));
              audit.append(
                  c, new AuditEntry(now, actor, "allowlist.add", network.toString(), reason));
              List<IpAddress> inside = new ArrayList<>();
              if (network.prefix() == network.network().bits()) {
                listings
                    .find(c, network.network())
                    .filter(Listing::active)
                    .ifPresent(l -> inside.add(l.ip()));
              } else {
                listings.forEachListed(
                    c,
                    Instant.EPOCH,
                    ip -> {
                      IpAddress a = IpAddress.parse(ip);
                      if (network.contains(a)) {
                        inside.add(a);
                      }
                    });
              }
              if (inside.isEmpty()) {
                return inside;
              }
              long v = listings.bumpVersion(c);
              for (IpAddress ip : inside) {
                listings.deactivate(c, ip, "allowlisted: " + reason, now);
                listings.history(c, ip, now, "allowlisted", actor, reason);
                listings.logChange(c, v, ip, false, now);
              }
              return inside;
            });
    if (!ended.isEmpty()) {
      changed();
    }
    return ended;
  }

  public boolean disallow(Cidr network, String actor) {
    Instant now = clock.instant();
    return db.write(
        c -> {
          boolean removed = allowlist.remove(c, network);
          if (removed) {
            audit.append(c, new AuditEntry(now, actor, "allowlist.remove", network.toString(), ""));
          }
          return removed;
        });
  }

  public List<AllowlistEntry> allowlist() {
    return db.read(allowlist::all);
  }

  /** Files a delisting request from the public. */
  public DelistingRequest requestDelisting(IpAddress ip, String contact, String message) {
    Instant now = clock.instant();
    return db.write(c -> delistings.create(c, ip, contact, message, now));
  }

  public List<DelistingRequest> delistingRequests(String status, int limit) {
    return db.read(c -> delistings.byStatus(c, status, limit));
  }

  /** Approves (removing the listing) or rejects a pending request; false when not pending. */
  public boolean decideDelisting(String id, boolean approve, String actor, String note) {
    Instant now = clock.instant();
    Optional<DelistingRequest> req = db.read(c -> delistings.find(c, id));
    if (req.isEmpty()) {
      return false;
    }
    boolean decided =
        db.write(
            c -> {
              if (!delistings.decide(c, id, approve ? "approved" : "rejected", actor, note, now)) {
                return false;
              }
              audit.append(
                  c,
                  new AuditEntry(
                      now,
                      actor,
                      approve ? "delisting.approve" : "delisting.reject",
                      req.get().ip().toString(),
                      note == null ? "" : note));
              return true;
            });
    if (decided && approve) {
      remove(
          req.get().ip(), "delisting request approved" + (note == null ? "" : ": " + note), actor);
    }
    return decided;
  }

  public List<AuditEntry> audit(int limit) {
    return db.read(c -> audit.recent(c, limit));
  }
}
