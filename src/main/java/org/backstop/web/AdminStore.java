package org.backstop.web;

import java.time.Instant;
import java.util.List;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * What administrators change: listings, the allowlist, reporters; the listing storage answers.
 * Implementations write every change to the audit log with the actor given.
 */
public interface AdminStore {

  /** An allowlist entry: a network never listed. */
  record AllowEntry(Cidr network, String reason, Instant added) {}

  /** A reporter that may submit reports with its token; the token itself is never shown again. */
  record Reporter(String id, String name, boolean trusted, Instant created, boolean active) {}

  /** A reporter just created, with its token shown once. */
  record IssuedReporter(Reporter reporter, String token) {}

  /** The listings now in force, newest report first, at most limit. */
  List<ListingView> listed(int limit);

  /** Lists the address by hand. */
  void list(IpAddress ip, String reason, String actor);

  /** Removes the address by hand; false when it was not listed. */
  boolean unlist(IpAddress ip, String reason, String actor);

  List<AllowEntry> allowlist();

  void allow(Cidr network, String reason, String actor);

  /** Removes the entry; false when there was none. */
  boolean disallow(Cidr network, String actor);

  List<Reporter> reporters();

  /**
   * Registers a reporter.
   *
   * @throws IllegalArgumentException when the name is taken
   */
  IssuedReporter createReporter(String name, boolean trusted, String actor);

  /** Revokes the reporter's token; false when there was no such active reporter. */
  boolean revokeReporter(String name, String actor);
}
