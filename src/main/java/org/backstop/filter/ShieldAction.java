package org.backstop.filter;

import java.util.Locale;

/** What the milter does with a message it calls backscatter. */
public enum ShieldAction {
  /** Refuse it at the end of DATA with {@code 550 5.7.1} and the reason: nobody bounces it. */
  REJECT,
  /** Accept it into Postfix's hold queue for a person to look at. */
  QUARANTINE,
  /** Accept it and add {@code X-Backstop-*} headers for the mailbox's own filters. */
  HEADER,
  /** Accept it unchanged; the decision is only logged. */
  ACCEPT;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
