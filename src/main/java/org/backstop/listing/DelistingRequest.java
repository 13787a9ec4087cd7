package org.backstop.listing;

import java.time.Instant;
import org.backstop.net.IpAddress;

/**
 * A request to remove an address from the list.
 *
 * @param id request id
 * @param ip the address
 * @param requestedAt when
 * @param contact how to reach the requester
 * @param message what they say
 * @param status {@code queued}, {@code approved} or {@code rejected}
 * @param decidedAt when decided, or null
 * @param decidedBy who decided, or null
 * @param note the decision's note, or null
 */
public record DelistingRequest(
    String id,
    IpAddress ip,
    Instant requestedAt,
    String contact,
    String message,
    String status,
    Instant decidedAt,
    String decidedBy,
    String note) {}
