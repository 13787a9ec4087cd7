package org.backstop.mail;

/**
 * A recipient as rules find it, filled in field by field (a structured report gives the status, the
 * text next to it the remote server's words), then frozen into a {@link Recipient}.
 */
final class Finding {
  String address;
  String action;
  String status;
  String replyCode;
  String reason;
  String diagnostic;
  String remoteMta;
  String command;

  /** Where the diagnostic came from: "smtp" for a remote server's reply, or a rule's name. */
  String diagnosticType;

  /** The diagnostic in lower case, and the diagnostic it was made from (the rules swap it). */
  private String lowerDiagnostic;

  private String lowered;

  /** {@link Text#lower} of the diagnostic, made once while the diagnostic stays the same. */
  String lowerDiagnostic() {
    if (lowered != diagnostic || lowerDiagnostic == null) {
      lowered = diagnostic;
      lowerDiagnostic = Text.lower(diagnostic);
    }
    return lowerDiagnostic;
  }

  Finding(String address) {
    this.address = address;
  }

  /** Copies into this finding every field that {@code o} has and this one lacks. */
  void fillFrom(Finding o) {
    if (action == null) action = o.action;
    if (status == null
        || status.endsWith(".0.0")
            && o.status != null
            && !o.status.endsWith(".0.0")
            && o.status.charAt(0) == status.charAt(0)) {
      status = o.status != null ? o.status : status;
    }
    if (replyCode == null) replyCode = o.replyCode;
    if (reason == null) reason = o.reason;
    if (diagnostic == null || diagnostic.isBlank()) diagnostic = o.diagnostic;
    else if (o.diagnostic != null
        && !diagnostic.contains(o.diagnostic)
        && diagnostic.length() < 40
        && o.diagnostic.length() > diagnostic.length()) diagnostic = o.diagnostic;
    if (remoteMta == null) remoteMta = o.remoteMta;
    if (command == null) command = o.command;
  }

  Recipient toRecipient() {
    return new Recipient(
        address, action, status, replyCode, reason, diagnostic, remoteMta, command);
  }
}
