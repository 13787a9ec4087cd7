package org.backstop.listing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * Decides a delisting request: approved at once when the address has been quiet and is not a repeat
 * offender, otherwise queued for a person to review.
 *
 * <p>The defaults are Backstop's published policy: approve when no report arrived in the last 48
 * hours and the address was not delisted more than twice in the last 90 days. Delisting is free and
 * never final: a report that arrives after a delisting lists the address again, and the history of
 * listings and delistings is kept so the repeat rule can see it. Pure and driven by a {@link
 * Clock}, so tests move time instead of sleeping.
 */
public final class DelistingPolicy {

  /** How long an address must have been quiet for an immediate delisting. */
  public static final Duration DEFAULT_QUIET = Duration.ofHours(48);

  /** How far back earlier delistings count. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

  /** How many earlier delistings within the window still allow an immediate one. */
  public static final int DEFAULT_MAX_RECENT = 2;

  /** What happens to a request. */
  public enum Outcome {
    /** Delisted now. */
    APPROVED,
    /** Waits for an administrator. */
    QUEUED
  }

  /**
   * A decision and the reason a person reads on the status page.
   *
   * @param outcome approved or queued
   * @param reason one sentence that explains the outcome
   */
  public record Decision(Outcome outcome, String reason) {
    public Decision {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private final Clock clock;
  private final Duration quiet;
  private final Duration window;
  private final int maxRecent;

  /** The published default policy. */
  public DelistingPolicy(Clock clock) {
    this(clock, DEFAULT_QUIET, DEFAULT_WINDOW, DEFAULT_MAX_RECENT);
  }

  /** A policy with its own limits; durations must be positive and maxRecent at least zero. */
  public DelistingPolicy(Clock clock, Duration quiet, Duration window, int maxRecent) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (quiet.isNegative() || quiet.isZero() || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("quiet and window must be positive");
    }
    if (maxRecent < 0) {
      throw new IllegalArgumentException("maxRecent must be at least 0");
    }
    this.quiet = quiet;
    this.window = window;
    this.maxRecent = maxRecent;
  }

  /**
   * Decides a request made now.
   *
   * @param lastReport when the last report about the address arrived, or null when none did
   * @param earlierDelistings when the address was delisted before, any order, any age
   */
  public Decision decide(Instant lastReport, Collection<Instant> earlierDelistings) {
    Instant now = clock.instant();
    if (lastReport != null && lastReport.isAfter(now.minus(quiet))) {
      return new Decision(
          Outcome.QUEUED,
          "a report arrived less than " + hours(quiet) + " hours ago, so a person reviews this");
    }
    Instant since = now.minus(window);
    long recent = earlierDelistings.stream().filter(t -> !t.isBefore(since)).count();
    if (recent > maxRecent) {
      return new Decision(
          Outcome.QUEUED,
          "the address was delisted "
              + recent
              + " times in the last "
              + window.toDays()
              + " days, so a person reviews this");
    }
    return new Decision(
        Outcome.APPROVED,
        "no report in the last "
            + hours(quiet)
            + " hours and no more than "
            + maxRecent
            + " delistings in "
            + window.toDays()
            + " days");
  }

  /**
   * Whether a report lists a delisted address again: any report that arrives after the delisting
   * does, because delisting is a promise that the problem is fixed.
   */
  public static boolean relists(Instant delistedAt, Instant reportAt) {
    return reportAt.isAfter(delistedAt);
  }

  private static long hours(Duration d) {
    return d.toHours();
  }
}
