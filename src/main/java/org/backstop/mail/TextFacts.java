package org.backstop.mail;

import java.util.List;

/**
 * Which of the rules' key phrases occur anywhere in a message's text, found in one pass over it. A
 * rule that needs one of these phrases first asks {@link Mail#mayContain}: when the phrase is
 * nowhere in the text the rule is skipped without reading the text again, and otherwise it reads as
 * before. So the verdicts are exactly those without this index; only the repeated scans of long
 * texts (each a loop over thousands of characters) are saved.
 */
final class TextFacts {
  private TextFacts() {}

  /** Inline abuse report fields (older Yahoo, Hotmail). */
  static final int FEEDBACK_FIELDS = 0;

  /** An Amazon SES notification in JSON. */
  static final int SES_JSON = 1;

  /** An RFC 3464 recipient block quoted as text. */
  static final int INLINE_DSN = 2;

  /** A challenge-response request's sentences. */
  static final int CHALLENGE = 3;

  /** The stock sentences of MTA bounces. */
  static final int BOUNCE_SENTENCE = 4;

  /** A virus scanner's sentences. */
  static final int VIRUS_SENTENCE = 5;

  /** Gmail's bounce wording. */
  static final int GMAIL = 6;

  /** Exchange 2003's bounce wording. */
  static final int EXCHANGE_2003 = 7;

  /** Every group at once: what {@link #of} answers when it cannot tell. */
  static final long ALL = -1L;

  private static final Phrases PHRASES =
      Phrases.of(
          List.of(
              new String[] {"feedback-type:"},
              new String[] {"notificationtype"},
              new String[] {"final-recipient:"},
              ChallengeResponse.ASK_PHRASES,
              BounceSigns.BODY,
              VirusNotice.BODY_PHRASES,
              GmailText.PHRASES,
              Exchange2003Text.PHRASES));

  /**
   * The groups present in {@code text}, given its lower-case form. When lowering changed the length
   * (a few non-ASCII letters do), offsets differ and every group counts as present.
   */
  static long of(String text, String lower) {
    return lower.length() == text.length() ? PHRASES.mask(lower) : ALL;
  }
}
