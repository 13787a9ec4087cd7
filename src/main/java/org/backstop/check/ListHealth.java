package org.backstop.check;

/** What a list's RFC 5782 section 5 test points say about the list itself. */
public enum ListHealth {
  /** Positive test point listed, negative one not: the list works. */
  OK,
  /** The negative test point is listed: the list (or the resolver) answers for everything. */
  LISTS_EVERYTHING,
  /** The positive test point is not listed: the list is dead, empty or unreachable. */
  LISTS_NOTHING,
  /** The test points gave errors or refusals. */
  UNKNOWN,
  /** Test points were not checked. */
  NOT_CHECKED
}
