package org.backstop.listing;

import java.time.Instant;

/**
 * Someone who submits evidence: the built-in trap and operator, or a registered volunteer.
 *
 * @param id stable id
 * @param name unique display name
 * @param trusted true when its evidence lists alone
 * @param disabled true when its token no longer works
 * @param createdAt when registered
 */
public record Reporter(
    String id, String name, boolean trusted, boolean disabled, Instant createdAt) {}
