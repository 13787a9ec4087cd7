package org.backstop.check;

import java.time.Instant;

/** One stored check of a monitored target: when, and how many lists gave each answer. */
public record CheckRun(
    String target,
    Instant checkedAt,
    int listed,
    int clean,
    int errors,
    int refused,
    long millis) {}
