package org.backstop.check;

import java.util.List;

/**
 * The answer of one list about one target, with what it means.
 *
 * @param codes the A records the list returned
 * @param meanings the meaning of each code, from the catalog
 * @param txt the list's TXT record for a listing (RFC 5782 section 2.2), or null
 * @param detail why the status is ERROR or REFUSED, or a warning about the list; or null
 * @param millis how long the lookup took
 */
public record ListResult(
    String zone,
    String name,
    ListStatus status,
    List<String> codes,
    List<String> meanings,
    String txt,
    String detail,
    String removal,
    ListHealth health,
    long millis) {

  public ListResult {
    codes = List.copyOf(codes);
    meanings = List.copyOf(meanings);
  }
}
