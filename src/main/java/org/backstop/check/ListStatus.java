package org.backstop.check;

/** The outcome of asking one blocklist about one target. */
public enum ListStatus {
  /** The list answered with a listing code (RFC 5782 section 2.1: an A record in 127/8). */
  LISTED,
  /** The list answered NXDOMAIN or no A record: not listed. */
  CLEAN,
  /** No usable answer: timeout, SERVFAIL, an answer outside 127/8, or a broken list. */
  ERROR,
  /** The list refused to answer (a refusal code such as 127.255.255.254, or DNS REFUSED). */
  REFUSED
}
