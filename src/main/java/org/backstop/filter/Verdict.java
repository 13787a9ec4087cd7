package org.backstop.filter;

import java.util.List;

/**
 * What the shield concluded about one inbound message, with the facts that led there.
 *
 * @param kind not a bounce, a legitimate bounce of our mail, or backscatter
 * @param messageKind the analyzer's label (dsn, autoreply, ...) or "null-sender"
 * @param reason one sentence for the SMTP reply and the log
 * @param evidence the checks, in order, each "name=result"
 */
public record Verdict(Kind kind, String messageKind, String reason, List<String> evidence) {
  public Verdict {
    evidence = List.copyOf(evidence);
  }

  /** The three outcomes. */
  public enum Kind {
    NOT_BOUNCE,
    LEGITIMATE,
    BACKSCATTER;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
