package org.backstop.mail;

/**
 * Recognises challenge-response requests: a spam filter on the recipient's side holds the message
 * and asks its sender to prove to be a person (TMDA, ASK, qconfirm, Spam Arrest, Boxbe and their
 * many imitators). A product's own header or sender decides alone; otherwise a challenge sentence
 * must come with a sign of automated mail, since ordinary mail may well ask to "confirm" something.
 */
final class ChallengeResponse {
  private ChallengeResponse() {}

  /** Header names that only challenge-response systems write. */
  private static final String[] HEADERS = {
    "x-tmda-confirm", "x-boxbe-ra", "x-spamarrest-noauth", "x-ask-info", "x-qconfirm"
  };

  /** Products, by name or address, as they sign their requests. */
  private static final Phrases PRODUCTS =
      Phrases.of(
          new String[] {
            "tagged message delivery agent",
            "tmda",
            "active spam killer",
            "qconfirm",
            "spamarrest",
            "spam arrest",
            "boxbe",
            "mailblocks",
            "choicemail",
            "sorbs.net/challenge"
          });

  /** Sentences that ask the sender to prove to be a person or to confirm the message. */
  static final String[] ASK_PHRASES = {
    "please confirm you are a human",
    "confirm that you are a human",
    "prove that you are a human",
    "confirm you are a real person",
    "verify that you are a real person",
    "verify that you are a human",
    "confirm that you are not a robot",
    "confirm your message",
    "confirm that you sent",
    "to confirm this message",
    "please confirm your email",
    "is protected by a challenge-response",
    "challenge-response",
    "your message is being held",
    "has been held until you",
    "add you to my list of approved senders",
    "added to the approved senders",
    "added to my guest list",
    "click the link below to confirm",
    "reply to this message to confirm",
    "simply reply to this message"
  };

  private static final Phrases ASKS = Phrases.of(ASK_PHRASES);

  /** The rule that marks a challenge request, or null. */
  static String detect(Mail m, String lowerReport) {
    Headers h = m.headers;
    for (String name : HEADERS) {
      if (h.has(name)) {
        return "challenge:header-" + name;
      }
    }
    String agent = Text.lower(h.get("x-delivery-agent"));
    if (agent.startsWith("tmda")) {
      return "challenge:tmda";
    }
    String from = Text.lower(h.get("from")) + " " + Text.lower(h.get("reply-to"));
    String subject = m.lowerSubject();
    String head = lowerReport.length() > 6000 ? lowerReport.substring(0, 6000) : lowerReport;
    boolean asks = m.mayContain(TextFacts.CHALLENGE) && ASKS.in(head) || ASKS.in(subject);
    if (!asks) {
      return null;
    }
    if (PRODUCTS.in(from) || PRODUCTS.in(head)) {
      return "challenge:product";
    }
    // An address made for answers ("confirm-123-abc@..."), or the signs of automated mail.
    boolean confirmAddress = from.contains("confirm") || from.contains("verify");
    String as = m.lowerAutoSubmitted();
    String prec = Text.lower(h.get("precedence"));
    boolean automated =
        as.startsWith("auto-")
            || prec.contains("bulk")
            || prec.contains("junk")
            || isNullSender(h.get("return-path"));
    return confirmAddress && automated ? "challenge:request" : null;
  }

  private static boolean isNullSender(String rp) {
    return rp != null && rp.replace(" ", "").equals("<>");
  }
}
