package org.backstop.listing;

import java.time.Instant;
import org.backstop.net.Cidr;

/**
 * A network that is never listed.
 *
 * @param network the addresses
 * @param reason why
 * @param addedAt when
 * @param addedBy who
 */
public record AllowlistEntry(Cidr network, String reason, Instant addedAt, String addedBy) {}
