package org.backstop.mail;

/**
 * One recipient that a report is about, in the vocabulary of RFC 3464 section 2.3 and Sisimai's
 * reasons. Any field may be null when the report does not say.
 *
 * @param address the recipient address (RFC 3464 Final-Recipient or Original-Recipient)
 * @param action failed, delayed, delivered, relayed or expanded
 * @param status the enhanced status code x.y.z (RFC 3463)
 * @param replyCode the SMTP reply code, e.g. 550
 * @param reason Sisimai's reason word: userunknown, mailboxfull, ...
 * @param diagnostic the remote server's own words
 * @param remoteMta the host that refused or accepted the message
 * @param command the SMTP command that failed: MAIL, RCPT, DATA, ...
 */
public record Recipient(
    String address,
    String action,
    String status,
    String replyCode,
    String reason,
    String diagnostic,
    String remoteMta,
    String command) {}
