package org.backstop.web;

import java.util.List;
import java.util.Locale;

/**
 * Concise, specific guidance per kind of evidence: how the operator stops sending backscatter. Each
 * item is one step, in the order that fixes most servers first.
 */
public final class FixAdvice {
  private FixAdvice() {}

  /** A headline naming what the server did, and the steps to fix it. */
  public record Advice(String what, List<String> steps) {}

  private static final List<String> BASICS =
      List.of(
          "Check SPF, DKIM and DMARC on incoming mail before you send any bounce or reply, and"
              + " never bounce a message that fails them: its sender is almost surely forged.",
          "Sign your own outgoing return paths with BATV (for example Postfix with a milter"
              + " such as PRVS), so you can reject bounces to addresses you never used.");

  /** Advice for an evidence kind such as bounce, dsn, autoreply, challenge or callout. */
  public static Advice forKind(String kind) {
    String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT).replace("-", "");
    return switch (k) {
      case "bounce", "dsn", "delayed", "delivered", "virus" -> bounce(k);
      case "autoreply", "receipt" ->
          new Advice(
              "Your server sent an automatic reply (vacation or out-of-office) to a forged sender.",
              concat(
                  List.of(
                      "Never auto-reply to the null sender (MAIL FROM:<>), to messages with an"
                          + " Auto-Submitted header other than \"no\", to Precedence: bulk, list"
                          + " or junk, or to mailing lists (List-Id), as RFC 3834 requires.",
                      "Reply at most once per sender per week, and only to mail that passed your"
                          + " spam filter and SPF or DMARC.")));
      case "challenge" ->
          new Advice(
              "Your server sent a challenge-response request to a forged sender.",
              concat(
                  List.of(
                      "Turn off challenge-response: every challenge to a forged sender is"
                          + " backscatter. Use a spam filter that rejects at SMTP time instead.",
                      "If you must keep it, challenge only senders whose DMARC passes with"
                          + " alignment.")));
      case "callout" ->
          new Advice(
              "Your server made a sender callout: it connected back with MAIL FROM:<> to check a"
                  + " forged sender address.",
              concat(
                  List.of(
                      "Turn off sender address verification callouts (Postfix"
                          + " reject_unverified_sender, Exim verify = sender/callout, Exchange"
                          + " sender callback): they probe forged addresses on every spam.",
                      "Reject on SPF and DMARC results instead.")));
      default ->
          new Advice(
              "Your server sent automated mail to an address that never sends mail.",
              concat(bounceSteps()));
    };
  }

  private static Advice bounce(String k) {
    return new Advice(
        "Your server accepted a message and then sent a "
            + (k.equals("virus") ? "virus notice" : "bounce")
            + " to its forged sender.",
        concat(bounceSteps()));
  }

  private static List<String> bounceSteps() {
    return List.of(
        "Reject unknown recipients during the SMTP dialogue (550 5.1.1) instead of accepting"
            + " and bouncing later. Postfix: smtpd_reject_unlisted_recipient = yes, and"
            + " relay_recipient_maps on relays; Exchange: enable recipient filtering.",
        "Reject spam and viruses at SMTP time (before-queue filtering) instead of bouncing or"
            + " notifying the sender; quarantine or drop when you cannot reject.",
        "A backup MX must know the valid recipients too, or it will bounce what the primary"
            + " refuses.");
  }

  private static List<String> concat(List<String> steps) {
    return java.util.stream.Stream.concat(steps.stream(), BASICS.stream()).toList();
  }
}
