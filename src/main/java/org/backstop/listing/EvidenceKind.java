package org.backstop.listing;

import java.util.Locale;
import org.backstop.mail.MessageKind;

/** What a piece of evidence shows about the address that delivered it. */
public enum EvidenceKind {
  /** A non-delivery report, delay or delivery notice, or virus notice: RFC 3464 and kin. */
  BOUNCE,
  /** An automatic reply such as a vacation notice (RFC 3834) or a read receipt. */
  AUTOREPLY,
  /** A challenge-response request. */
  CHALLENGE,
  /**
   * A sender callout: the null sender named a trap recipient and left before DATA, probing whether
   * a forged sender exists before bouncing to it.
   */
  CALLOUT,
  /** Ordinary mail sent straight to a trap: spam, not backscatter. */
  SPAM;

  /** The evidence kind of a message the analyzer classified. */
  public static EvidenceKind of(MessageKind kind) {
    return switch (kind) {
      case DSN, BOUNCE, DELAYED, DELIVERED, VIRUS -> BOUNCE;
      case AUTOREPLY, RECEIPT -> AUTOREPLY;
      case CHALLENGE -> CHALLENGE;
      case FEEDBACK, NONE -> SPAM;
    };
  }

  /** Lower-case name used in storage, JSON and configuration. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label, case-insensitively. */
  public static EvidenceKind parse(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
