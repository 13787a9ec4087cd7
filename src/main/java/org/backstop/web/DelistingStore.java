package org.backstop.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.backstop.net.IpAddress;

/** Keeps delisting requests and performs delistings; the storage of package listing answers. */
public interface DelistingStore {
  /** When the last report about the address arrived, or null. */
  Instant lastReport(IpAddress ip);

  /** When the address was delisted before, any age. */
  List<Instant> delistings(IpAddress ip);

  /** Stores a new request. */
  void save(DelistRequest request);

  /** Replaces a stored request (same token) after a decision. */
  void update(DelistRequest request);

  /** The request with this token. */
  Optional<DelistRequest> byToken(String token);

  /** Requests waiting for review, oldest first. */
  List<DelistRequest> queued();

  /** Removes the address from the list now, keeping its history; the DNS zone follows. */
  void delist(IpAddress ip, String reason, String actor);
}
