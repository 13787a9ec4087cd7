package org.backstop.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.backstop.net.IpAddress;

/**
 * Keeps delisting requests and performs delistings; the listing storage answers. Implementations
 * write every decision to the audit log.
 */
public interface DelistingStore {
  /** When the last report about the address arrived, or null. */
  Instant lastReport(IpAddress ip);

  /** When the address was delisted before, any age. */
  List<Instant> delistings(IpAddress ip);

  /**
   * Stores a new request, queued, under an unguessable token (at least 122 random bits).
   *
   * @return the stored request
   */
  DelistRequest create(IpAddress ip, String explanation, String contact);

  /** The request with this token. */
  Optional<DelistRequest> byToken(String token);

  /** Requests waiting for review, oldest first. */
  List<DelistRequest> queued();

  /**
   * Decides a queued request; approval removes the listing (history kept) and the DNS zone follows.
   *
   * @return false when the request was not queued
   */
  boolean decide(String token, boolean approve, String reason, String actor);
}
