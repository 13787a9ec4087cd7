package org.backstop.filter;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.backstop.net.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a client address on several DNSBLs the way postscreen does (RFC 5782 queries, weights
 * summed, compared with a threshold), with answers cached for their TTL so that a busy server asks
 * once per client, not once per recipient. Concurrent requests for one name share one query.
 *
 * <p>This is a deliberately small piece: the full multi-DNSBL checker belongs to package {@code
 * check}; the policy server only needs a fast cached score.
 */
public final class DnsblScorer {
  private static final Logger log = LoggerFactory.getLogger(DnsblScorer.class);

  /** Bounds on caching, so a zero TTL cannot defeat the cache and a huge one cannot pin data. */
  static final long MIN_TTL = 60;

  static final long MAX_TTL = 3600;
  static final int MAX_CACHED = 100_000;
  static final long FAILURE_TTL_MILLIS = 5_000;

  private final List<DnsblSite> sites;
  private final DnsLookup dns;
  private final Clock clock;
  private final Duration deadline;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(CompletableFuture<DnsAnswer> answer, AtomicLong expiresAt) {}

  public DnsblScorer(List<DnsblSite> sites, DnsLookup dns, Clock clock, Duration deadline) {
    this.sites = List.copyOf(sites);
    this.dns = dns;
    this.clock = clock;
    this.deadline = deadline;
  }

  public boolean enabled() {
    return !sites.isEmpty();
  }

  /** Scores a client, waiting at most the deadline; late sites count as not listing. */
  public DnsblScore score(IpAddress client) {
    if (sites.isEmpty()) {
      return new DnsblScore(0, List.of(), 0);
    }
    String reversed = client.unmapped().reversedName();
    Map<String, CompletableFuture<DnsAnswer>> byZone = new LinkedHashMap<>();
    for (DnsblSite s : sites) {
      byZone.computeIfAbsent(s.zone(), z -> lookup(reversed + "." + z));
    }
    long until = System.nanoTime() + deadline.toNanos();
    int score = 0;
    int unanswered = 0;
    List<String> listed = new ArrayList<>();
    for (DnsblSite s : sites) {
      DnsAnswer a = await(byZone.get(s.zone()), until);
      if (a == null) {
        unanswered++;
        continue;
      }
      if (a.addresses().stream().anyMatch(s::matches)) {
        score += s.weight();
        listed.add(s.toString());
      }
    }
    return new DnsblScore(score, listed, unanswered);
  }

  private static DnsAnswer await(CompletableFuture<DnsAnswer> f, long untilNanos) {
    try {
      return f.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private CompletableFuture<DnsAnswer> lookup(String name) {
    long now = clock.millis();
    Cached c = cache.get(name);
    if (c != null && (c.expiresAt.get() == 0 || c.expiresAt.get() > now)) {
      return c.answer;
    }
    if (cache.size() >= MAX_CACHED) {
      cache.values().removeIf(e -> e.expiresAt.get() != 0 && e.expiresAt.get() <= now);
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
    }
    CompletableFuture<DnsAnswer> f = new CompletableFuture<>();
    Cached fresh = new Cached(f, new AtomicLong());
    Cached raced = cache.compute(name, (k, old) -> old == c ? fresh : old);
    if (raced != fresh) {
      return raced.answer;
    }
    CompletionStage<DnsAnswer> query;
    try {
      query = dns.lookupA(name);
    } catch (RuntimeException e) {
      query = CompletableFuture.failedFuture(e);
    }
    query.whenComplete(
        (answer, error) -> {
          if (error != null) {
            // A failure is not an answer, but asking again at once would hammer a dead
            // resolver: remember it briefly, then ask again.
            fresh.expiresAt.set(clock.millis() + FAILURE_TTL_MILLIS);
            log.debug("DNSBL query {} failed: {}", name, error.toString());
            f.completeExceptionally(error);
          } else {
            long ttl = Math.max(MIN_TTL, Math.min(MAX_TTL, answer.ttlSeconds()));
            fresh.expiresAt.set(clock.millis() + ttl * 1000);
            f.complete(answer);
          }
        });
    return f;
  }

  /** How many names are cached, for metrics and tests. */
  public int cachedNames() {
    return cache.size();
  }
}
