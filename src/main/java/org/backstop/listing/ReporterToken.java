package org.backstop.listing;

/**
 * A newly registered reporter and its bearer token, which is stored only as a hash.
 *
 * @param reporter the reporter
 * @param token the secret to give it
 */
public record ReporterToken(Reporter reporter, String token) {}
