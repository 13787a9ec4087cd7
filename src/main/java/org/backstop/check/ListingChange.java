package org.backstop.check;

import java.time.Instant;
import java.util.List;

/**
 * A monitored target became listed on a list, or stopped being listed.
 *
 * @param from the earlier status, or null on the first check
 * @param to the new status: LISTED or CLEAN
 */
public record ListingChange(
    String target,
    String zone,
    String name,
    ListStatus from,
    ListStatus to,
    List<String> codes,
    List<String> meanings,
    String txt,
    String removal,
    Instant at) {

  public ListingChange {
    codes = List.copyOf(codes);
    meanings = List.copyOf(meanings);
  }

  /** A one-line description for a mail subject or a log. */
  public String summary() {
    return to == ListStatus.LISTED
        ? target + " is now listed on " + zone + (meanings.isEmpty() ? "" : ": " + meanings.get(0))
        : target + " is no longer listed on " + zone;
  }
}
