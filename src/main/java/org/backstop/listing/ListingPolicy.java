package org.backstop.listing;

/**
 * Decides whether a piece of evidence lists its address, and says why. Pure: the facts about the
 * address are gathered by the caller, so the rules can be read and tested on their own.
 *
 * <p>The rules, in order: special-purpose addresses (RFC 6890 registries) and allowlisted addresses
 * are never listed; evidence of a kind that does not list (by default, spam sent straight to a
 * trap) is recorded only; the trap's and the operator's evidence lists at once; an external
 * reporter's evidence lists once enough independent reporters agree.
 */
public final class ListingPolicy {
  private final PolicyConfig config;

  public ListingPolicy(PolicyConfig config) {
    this.config = config;
  }

  public PolicyConfig config() {
    return config;
  }

  /** The decision for one piece of evidence. */
  public Decision decide(Evidence e, PolicyFacts f) {
    if (f.specialPurpose() != null) {
      return new Decision(
          Outcome.REFUSED,
          "never listed: IANA special-purpose address (" + f.specialPurpose() + ")");
    }
    if (f.allowlisted() != null) {
      return new Decision(Outcome.REFUSED, "never listed: allowlisted (" + f.allowlisted() + ")");
    }
    if (!config.listingKinds().contains(e.kind())) {
      return new Decision(Outcome.RECORDED, notListingReason(e.kind()));
    }
    Outcome listed = f.listed() ? Outcome.RENEWED : Outcome.LISTED;
    if (f.reporterTrusted()) {
      return new Decision(listed, trustedReason(e));
    }
    int need = config.requiredReporters();
    if (f.independentReporters() >= need) {
      return new Decision(
          listed,
          f.independentReporters()
              + " independent reporters sent "
              + e.kind().label()
              + " evidence (at least "
              + need
              + " must agree)");
    }
    return new Decision(
        Outcome.RECORDED,
        "waiting for agreement: "
            + f.independentReporters()
            + " of "
            + need
            + " independent reporters so far");
  }

  private static String notListingReason(EvidenceKind kind) {
    if (kind == EvidenceKind.SPAM) {
      return "recorded, not listed: ordinary mail (spam) is not backscatter";
    }
    return "recorded, not listed: " + kind.label() + " evidence does not list by configuration";
  }

  private static String trustedReason(Evidence e) {
    String who = e.reporterId().equals("trap") ? "a spam trap" : "reporter " + e.reporterId();
    return switch (e.kind()) {
      case BOUNCE -> who + " received a bounce; trap addresses never send mail";
      case AUTOREPLY -> who + " received an automatic reply; trap addresses never send mail";
      case CHALLENGE ->
          who + " received a challenge-response request; trap addresses never send mail";
      case CALLOUT -> who + " received a sender callout (null sender probing a trap address)";
      case SPAM -> who + " received spam";
    };
  }
}
