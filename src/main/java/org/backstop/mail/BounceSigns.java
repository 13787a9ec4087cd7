package org.backstop.mail;

import java.util.List;

/**
 * Weighs the signs that a message without an RFC 3464 part is still a non-delivery report: who sent
 * it, its subject, headers only mail systems write, and the stock sentences of MTAs. One sign alone
 * is not enough; ordinary mail (even spam) rarely shows two.
 */
final class BounceSigns {
  private BounceSigns() {}

  static final int THRESHOLD = 3;

  private static final Phrases SUBJECT =
      Phrases.of(
          new String[] {
            "undeliver",
            "delivery status notification",
            "returned mail",
            "failure notice",
            "mail delivery failed",
            "delivery failure",
            "undelivered mail",
            "non-delivery",
            "nondeliver",
            "delivery notification",
            "could not be delivered",
            "mail system error",
            "returned to sender",
            "delivery problem",
            "failed delivery",
            "message not delivered",
            "could not send message",
            "delayed mail",
            "delivery delayed",
            "mail failure",
            "bounce",
            "delivery failed",
            "not delivered",
            "mail error",
            "rejected",
            "returned message",
            "delivery report",
            "message delivery",
            "error sending",
            "warning: message",
            "unable to deliver",
            "mail could not",
            "failed mail",
            "delivery final failure",
            "permanent error",
            "no se pudo entregar",
            "unzustellbar",
            "non remis",
            "不達",
            "配信",
            "delivery status",
            "delivery error",
            "message you sent",
            "failure delivery",
            "sending failed",
            "mensaje no entregado",
            "mail not delivered",
            "unknown user",
            "user unknown",
            "mailbox full",
            "over quota"
          });

  private static final Phrases FROM =
      Phrases.of(
          new String[] {
            "mailer-daemon",
            "post_master",
            "postmaster",
            "mail delivery",
            "mail administrator",
            "mail system",
            "mailer daemon",
            "mail-daemon",
            "delivery subsystem",
            "mailerdaemon",
            "mdaemon",
            "postoffice",
            "post office",
            "smtp gateway",
            "mail router",
            "internet mail service",
            "nobody@",
            "no-reply",
            "noreply"
          });

  /** Sentences MTAs print at the top of a bounce; each is specific enough to weigh 2. */
  static final String[] BODY = {
    "this is the mail system at host",
    "created automatically by mail delivery software",
    "this is the qmail-send program",
    "the original message was received at",
    "delivery to the following recipient",
    "your message did not reach",
    "could not be delivered to",
    "delivery has failed",
    "wasn't able to deliver",
    "unable to deliver your message",
    "the following address(es) failed",
    "message could not be delivered",
    "following recipient(s) cannot be reached",
    "delivery to the following recipients failed",
    "could not deliver",
    "permanent fatal errors",
    "transcript of session follows",
    "the following addresses had",
    "message was undeliverable",
    "failed to deliver",
    "was not delivered to",
    "returned as undeliverable",
    "undeliverable",
    "permanent error",
    "delivery failed",
    "your message was not delivered",
    "was undeliverable",
    "not be delivered",
    "could not be sent",
    "was rejected",
    "unable to deliver",
    "delivery status notification",
    "i'm sorry to have to inform you",
    "sorry, we were unable",
    "bounce",
    "cannot be delivered",
    "failed permanently",
    "has not been delivered",
    "non-delivery",
    "mailbox is full",
    "user unknown",
    "no such user",
    "delivery failure",
    "delivery attempts",
    "did not reach the following",
    "message has been rejected",
    "delivery problem",
    "not delivered",
    "error occurred while trying to deliver",
    "delivery delayed",
    "message delayed",
    "could not reach",
    "mail delivery failed",
    "returned mail",
    "delivery notification",
    "quota",
    "rejected your message",
    "message you sent"
  };

  /** {@link #BODY} in one automaton: the report text can be long and is read once. */
  private static final Phrases BODY_PHRASES = Phrases.of(BODY);

  /** The weight of evidence and the names of the signs that fired. */
  record Score(int points, List<String> signs) {}

  static Score score(Mail m, String reportLower) {
    int p = 0;
    java.util.ArrayList<String> signs = new java.util.ArrayList<>(4);
    String from = Text.lower(m.headers.decoded("from"));
    String subject = m.lowerSubject();
    if (FROM.in(from)) {
      p += 2;
      signs.add("from-mail-system");
    }
    if (SUBJECT.in(subject)) {
      p += 2;
      signs.add("subject-bounce");
    }
    if (m.headers.has("x-failed-recipients")) {
      p += 3;
      signs.add("x-failed-recipients");
    }
    String rp = m.headers.get("return-path");
    if (rp != null && rp.replace(" ", "").equals("<>")) {
      p += 1;
      signs.add("null-return-path");
    }
    if (reportLower != null
        && !reportLower.isEmpty()
        && m.mayContain(TextFacts.BOUNCE_SENTENCE)
        && BODY_PHRASES.in(reportLower)) {
      p += 2;
      signs.add("body-bounce-sentence");
    }
    String as = m.lowerAutoSubmitted();
    if (as.startsWith("auto-")) {
      p += 1;
      signs.add("auto-submitted");
    }
    return new Score(p, signs);
  }
}
