package org.backstop.mail;

/**
 * Recognises a virus scanner's notice to the sender of an infected message: AMaViS ("VIRUS
 * (Eicar-Test-Signature) IN MAIL FROM YOU", "Our content checker found virus: ..."), ClamAV milters
 * and the "Virus Alert" notices of mail gateways. The subject alone is not enough (spam uses it
 * too): the body must name the finding or the mail must be automated.
 */
final class VirusNotice {
  private VirusNotice() {}

  private static final Phrases SUBJECT =
      Phrases.of(
          new String[] {
            "in mail from you",
            "virus alert",
            "virus found",
            "virus detected",
            "virus notification",
            "virus warning",
            "infected message",
            "banned contents alert",
            "malware detected"
          });

  static final String[] BODY_PHRASES = {
    "content checker found",
    "virus was found",
    "virus was detected",
    "virus has been detected",
    "virus has been found",
    "found to contain a virus",
    "contains a virus",
    "was infected with",
    "is infected with",
    "infected with the virus",
    "virus found:",
    "virus name:",
    "virus: ",
    "clamav",
    "quarantined"
  };

  private static final Phrases BODY = Phrases.of(BODY_PHRASES);

  /** The rule that marks a virus notice, or null. */
  static String detect(Mail m, String lowerReport) {
    Headers h = m.headers;
    if (Text.lower(h.get("x-amavis-alert")).contains("infected")) {
      return "virus:x-amavis-alert";
    }
    String subject = m.lowerSubject();
    boolean subj =
        SUBJECT.in(subject)
            && (subject.contains("virus")
                || subject.contains("infected")
                || subject.contains("banned")
                || subject.contains("malware"));
    if (!subj) {
      return null;
    }
    String head = lowerReport.length() > 6000 ? lowerReport.substring(0, 6000) : lowerReport;
    if (m.mayContain(TextFacts.VIRUS_SENTENCE) && BODY.in(head)) {
      return "virus:notice";
    }
    String as = m.lowerAutoSubmitted();
    String rp = h.get("return-path");
    boolean automated = as.startsWith("auto-") || rp != null && rp.replace(" ", "").equals("<>");
    return automated ? "virus:notice" : null;
  }
}
