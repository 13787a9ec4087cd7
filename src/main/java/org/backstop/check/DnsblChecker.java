package org.backstop.check;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Checks one IP address or domain against many DNS blocklists at once (RFC 5782).
 *
 * <p>Every list is asked concurrently and each question has its own deadline, so the whole check
 * takes about as long as the slowest list that answers, never the sum. With test points on, each
 * list's RFC 5782 section 5 test points are asked in the same round, and a list that lists
 * everything (or nothing) is flagged and its answer discounted.
 *
 * <p>Usable from the CLI, the monitor and the web site: {@code checker.check(target)}.
 */
public final class DnsblChecker {

  /** Told about each list as its answer arrives (from a resolver thread). */
  @FunctionalInterface
  public interface Listener {
    void finished(ListResult result, int done, int total);
  }

  private final DnsClient dns;
  private final List<DnsblList> lists;
  private final Clock clock;
  private final Duration timeout;
  private final boolean testPoints;

  /**
   * @param dns where questions go (a recursive resolver, or a test fixture)
   * @param lists the lists to ask
   * @param timeout the deadline of each question
   * @param testPoints also ask each list's RFC 5782 test points
   */
  public DnsblChecker(
      DnsClient dns, List<DnsblList> lists, Clock clock, Duration timeout, boolean testPoints) {
    this.dns = dns;
    this.lists = List.copyOf(lists);
    this.clock = clock;
    this.timeout = timeout;
    this.testPoints = testPoints;
  }

  /** A checker for the built-in catalog with a 5 s deadline and test points on. */
  public static DnsblChecker withCatalog(DnsClient dns, Clock clock) {
    return new DnsblChecker(
        dns, DnsblCatalog.builtIn().lists(), clock, Duration.ofSeconds(5), true);
  }

  public List<DnsblList> lists() {
    return lists;
  }

  /** Checks a target given as text (address or domain). */
  public CheckReport check(String target) {
    return check(Target.parse(target));
  }

  /** Checks a target against every list that applies to it. */
  public CheckReport check(Target target) {
    return check(target, (r, d, n) -> {});
  }

  /** Checks a target, telling {@code listener} about each list as it finishes. */
  public CheckReport check(Target target, Listener listener) {
    return checkAsync(target, listener).join();
  }

  /** The non-blocking form of {@link #check(Target, Listener)}. */
  public CompletableFuture<CheckReport> checkAsync(Target target, Listener listener) {
    var started = clock.instant();
    long t0 = System.nanoTime();
    List<DnsblList> applicable = lists.stream().filter(l -> l.applies(target)).toList();
    AtomicInteger done = new AtomicInteger();
    List<CompletableFuture<ListResult>> futures = new ArrayList<>();
    for (DnsblList l : applicable) {
      futures.add(
          checkOne(target, l)
              .thenApply(
                  r -> {
                    listener.finished(r, done.incrementAndGet(), applicable.size());
                    return r;
                  }));
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(
            v ->
                new CheckReport(
                    target.text(),
                    target.kind(),
                    started,
                    (System.nanoTime() - t0) / 1_000_000,
                    futures.stream().map(CompletableFuture::join).toList()));
  }

  /** Asks one list about the target (and its test points); never fails. */
  CompletableFuture<ListResult> checkOne(Target target, DnsblList list) {
    long t0 = System.nanoTime();
    CompletableFuture<ListAnswer> answer = ask(list, target.queryName(list.zone()));
    CompletableFuture<ListHealth> health =
        testPoints
            ? health(list, target.kind())
            : CompletableFuture.completedFuture(ListHealth.NOT_CHECKED);
    CompletableFuture<String> txt =
        answer.thenCompose(
            a -> a.status() == ListStatus.LISTED ? txt(target.queryName(list.zone())) : done(null));
    return answer
        .thenCombine(health, (a, h) -> new Object[] {a, h})
        .thenCombine(
            txt,
            (ah, t) ->
                result(
                    list,
                    target.kind(),
                    (ListAnswer) ah[0],
                    (ListHealth) ah[1],
                    t,
                    System.nanoTime() - t0));
  }

  private static ListResult result(
      DnsblList list, TargetKind kind, ListAnswer a, ListHealth health, String txt, long nanos) {
    ListStatus status = a.status();
    String detail = a.detail();
    if (health == ListHealth.LISTS_EVERYTHING && status == ListStatus.LISTED) {
      status = ListStatus.ERROR;
      detail =
          "the list also lists its negative test point "
              + list.negativeTestName(kind)
              + ": it answers for everything, so this listing means nothing";
    } else if (health == ListHealth.LISTS_NOTHING && status == ListStatus.CLEAN) {
      detail =
          "the list does not list its positive test point "
              + list.positiveTestName(kind)
              + ": it may be dead, so this clean answer means little";
    }
    return new ListResult(
        list.zone(),
        list.name(),
        status,
        a.codes(),
        a.meanings(),
        txt,
        detail,
        list.removal(),
        health,
        nanos / 1_000_000);
  }

  /** Asks a list about its two RFC 5782 section 5 test points for targets of a kind. */
  public CompletableFuture<ListHealth> health(DnsblList list, TargetKind kind) {
    return ask(list, testName(list.positiveTestName(kind), list))
        .thenCombine(
            ask(list, testName(list.negativeTestName(kind), list)),
            (p, n) -> {
              if (n.status() == ListStatus.LISTED) {
                return ListHealth.LISTS_EVERYTHING;
              }
              if (p.status() == ListStatus.LISTED && n.status() == ListStatus.CLEAN) {
                return ListHealth.OK;
              }
              if (p.status() == ListStatus.CLEAN) {
                return ListHealth.LISTS_NOTHING;
              }
              return ListHealth.UNKNOWN;
            });
  }

  // RFC 5782 section 5 names the domain test points as single labels (TEST, INVALID), which
  // Target.parse does not accept as domains, and the IPv6 one as ::FFFF:7F00:2, which must stay
  // in nibble form rather than be unmapped to IPv4; so test points are not parsed as targets.
  static String testName(String point, DnsblList list) {
    org.backstop.net.IpAddress a = org.backstop.net.IpAddress.tryParse(point);
    String left = a != null ? a.reversedName() : point.toLowerCase(java.util.Locale.ROOT);
    return left + "." + list.zone();
  }

  private CompletableFuture<ListAnswer> ask(DnsblList list, String qname) {
    Name name;
    try {
      name = Name.fromString(qname, Name.root);
    } catch (TextParseException e) {
      return done(ListAnswer.error("bad query name " + qname));
    }
    return dns.query(name, Type.A)
        .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .thenApply(r -> ListAnswer.classify(list, r))
        .exceptionally(t -> ListAnswer.error(describe(t)));
  }

  private CompletableFuture<String> txt(String qname) {
    try {
      return dns.query(Name.fromString(qname, Name.root), Type.TXT)
          .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .thenApply(r -> r.texts().isEmpty() ? null : String.join(" ", r.texts()))
          .exceptionally(t -> null);
    } catch (TextParseException e) {
      return done(null);
    }
  }

  private String describe(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (c instanceof TimeoutException || c instanceof DnsTimeoutException) {
      return "timeout: no answer in " + timeout.toMillis() + " ms";
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
