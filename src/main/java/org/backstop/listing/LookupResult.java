package org.backstop.listing;

import java.util.List;
import org.backstop.net.IpAddress;

/**
 * Everything known about one address, as the lookup page, the JSON API and {@code backstop listing
 * show} present it.
 *
 * @param ip the address asked about
 * @param listed true when published now
 * @param listing its listing, current or past, or null if never listed
 * @param evidence the most recent evidence samples, newest first
 * @param history listing changes, newest first
 * @param specialPurpose the IANA special-purpose block it is in, or null
 * @param allowlisted the allowlist reason when allowlisted, or null
 */
public record LookupResult(
    IpAddress ip,
    boolean listed,
    Listing listing,
    List<EvidenceSample> evidence,
    List<HistoryEvent> history,
    String specialPurpose,
    String allowlisted) {

  public LookupResult {
    evidence = List.copyOf(evidence);
    history = List.copyOf(history);
  }
}
