package org.backstop.listing;

import java.time.Instant;

/**
 * One operator action, kept for accountability.
 *
 * @param at when
 * @param actor who
 * @param action what, e.g. {@code listing.remove}
 * @param target what it was done to
 * @param detail free text
 */
public record AuditEntry(Instant at, String actor, String action, String target, String detail) {}
