package org.backstop.web;

import java.time.Instant;
import java.util.List;

/**
 * The record of every administrator action; append-only; the listing storage keeps it. The stores
 * record their own changes; the site records what only it sees (logins and logouts).
 */
public interface AuditLog {

  /**
   * One action.
   *
   * @param at when
   * @param actor who (the administrator, or "policy")
   * @param action what, such as "admin.login" or "listing.remove"
   * @param subject on what, such as an address, or empty
   * @param detail the reason or other detail, or empty
   */
  record Entry(Instant at, String actor, String action, String subject, String detail) {}

  void record(Entry entry);

  /** The newest entries first, at most limit. */
  List<Entry> recent(int limit);
}
