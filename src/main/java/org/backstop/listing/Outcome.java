package org.backstop.listing;

import java.util.Locale;

/** What recording a piece of evidence did to the listing of its address. */
public enum Outcome {
  /** The address was not listed and now is. */
  LISTED,
  /** The address was listed; its expiry moved forward and its impact grew. */
  RENEWED,
  /** Kept as evidence without listing: spam, or a reporter still waiting for agreement. */
  RECORDED,
  /** Never listable: a special-purpose or allowlisted address. */
  REFUSED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
