package org.backstop.filter;

import java.util.List;

/**
 * A client's DNSBL score, as postscreen adds it up.
 *
 * @param score the sum of the weights of the sites that list the client
 * @param listedOn the sites that counted, as written in the configuration
 * @param unanswered how many sites did not answer in time (counted as not listing)
 */
public record DnsblScore(int score, List<String> listedOn, int unanswered) {
  public DnsblScore {
    listedOn = List.copyOf(listedOn);
  }
}
