package org.backstop.listing;

import java.time.Instant;
import java.util.List;
import org.backstop.net.IpAddress;

/**
 * One publication of the zone: every address listed at a moment, with the SOA serial it is
 * published under (RFC 1035 section 3.3.13; it grows with every publication).
 *
 * @param serial the SOA serial
 * @param at when the listings were read
 * @param addresses the listed addresses, in no particular order
 */
public record ZoneContent(long serial, Instant at, List<IpAddress> addresses) {}
