package org.backstop.mail;

/** The outcome of checking an address for a BATV tag. */
public enum BatvStatus {
  /** The tag is ours, genuine and not expired. */
  VALID,
  /** The address carries no tag. */
  UNSIGNED,
  /** The tag names a key digit that has no key. */
  UNKNOWN_KEY,
  /** The tag's signature does not match: forged or altered. */
  BAD_SIGNATURE,
  /** The tag was genuine but its 7 days are over. */
  EXPIRED;

  /** The lower-case word used in logs, headers and replies. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
