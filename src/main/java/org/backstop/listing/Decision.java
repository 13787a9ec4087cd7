package org.backstop.listing;

/**
 * The policy's verdict on one piece of evidence, with the reason a person can read.
 *
 * @param outcome what happens to the listing
 * @param reason why, in one sentence
 */
public record Decision(Outcome outcome, String reason) {

  /** True when the address is listed after this decision. */
  public boolean lists() {
    return outcome == Outcome.LISTED || outcome == Outcome.RENEWED;
  }
}
