package org.backstop.mail;

import java.util.Locale;

/** What kind of automated mail a message is; {@link #NONE} for ordinary mail. */
public enum MessageKind {
  /** A delivery status notification in RFC 3464 form. */
  DSN,
  /** Any other non-delivery report. */
  BOUNCE,
  /** A delay warning: delivery is still being tried. */
  DELAYED,
  /** A notice that a message was delivered or relayed. */
  DELIVERED,
  /** An RFC 3834 automatic reply: vacation, out-of-office. */
  AUTOREPLY,
  /** A challenge-response request to prove the sender is human. */
  CHALLENGE,
  /** An abuse feedback report in ARF form (RFC 5965). */
  FEEDBACK,
  /** A virus scanner's notice about a message. */
  VIRUS,
  /** A read receipt or message disposition notification (RFC 8098). */
  RECEIPT,
  /** Not automated mail. */
  NONE;

  /** The lower-case name used in JSON and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the kinds that are sent back to a message's sender: backscatter when forged. */
  public boolean isBackscatter() {
    return switch (this) {
      case DSN, BOUNCE, DELAYED, DELIVERED, AUTOREPLY, CHALLENGE, VIRUS, RECEIPT -> true;
      case FEEDBACK, NONE -> false;
    };
  }
}
