package org.backstop.listing;

import java.time.Instant;

/**
 * One change in an address's listing: listed, renewed, expired, removed.
 *
 * @param at when
 * @param event what happened
 * @param actor who did it: {@code policy}, {@code expiry} or an operator
 * @param reason why
 */
public record HistoryEvent(Instant at, String event, String actor, String reason) {}
