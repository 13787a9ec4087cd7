package org.backstop.web;

import java.time.Instant;
import java.util.List;

/** The record of every administrator action; append-only; the listing storage keeps it. */
public interface AuditLog {

  /**
   * One action.
   *
   * @param at when
   * @param actor who (the administrator, or "policy")
   * @param action what, a short verb such as "login" or "unlist"
   * @param subject on what, such as an address, or empty
   * @param detail the reason or other detail, or empty
   */
  record Entry(Instant at, String actor, String action, String subject, String detail) {}

  void record(Entry entry);

  /** The newest entries first, at most limit. */
  List<Entry> recent(int limit);
}
