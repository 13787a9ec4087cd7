package org.backstop.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Counts for the statistics page; the listing storage answers. */
@FunctionalInterface
public interface StatsSource {

  /** One day's figure. */
  record DayCount(LocalDate day, long count) {}

  /** One trap address (or reporter) and how many reports it produced. */
  record TrapCount(String trap, long count) {}

  /**
   * The figures.
   *
   * @param activeListings listings in force now
   * @param totalReports reports ever recorded
   * @param listingsPerDay listings in force at the end of each day, oldest first
   * @param reportsPerDay reports received each day, oldest first
   * @param byKind reports by evidence kind
   * @param topTraps the traps that caught most, most first
   */
  record Stats(
      long activeListings,
      long totalReports,
      List<DayCount> listingsPerDay,
      List<DayCount> reportsPerDay,
      Map<String, Long> byKind,
      List<TrapCount> topTraps) {}

  /** Figures for the last days, up to today. */
  Stats stats(int days);
}
