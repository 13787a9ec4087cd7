package org.backstop.mail;

import java.util.Map;

/**
 * The phrases, in lower case, by which mail servers say why they refused a message, grouped by
 * reason. Collected from the wording of real bounces; order inside a group does not matter.
 */
final class ReasonWords {
  private ReasonWords() {}

  static final Map<String, String[]> TABLE =
      Map.ofEntries(
          Map.entry("mailboxfull", new String[] {
            "mailbox exceeded",
            "mailbox full", "mailbox is full", "mailbox is over quota", "over quota", "overquota",
            "quota exceeded", "exceeded storage allocation", "mailbox size limit exceeded",
            "over the quota", "quota violation", "mailfolder is full", "account is full",
            "inbox is full", "mailbox would exceed", "disk quota exceeded", "maildir over quota",
            "user has exceeded", "has exceeded their quota", "exceeded his/her quota",
            "mail quota exceeded", "mailbox has exceeded", "not enough storage space in mailbox",
            "recipient's mailbox is full", "too much mail data",
            "mailbox exceeds", "quota full", "exceeds quota", "mailbox quota", "storage limit",
            "user is over quota", "is over the allowed quota", "has exceeded his mailbox",
            "mailbox not enough space", "the user's mailbox is full", "mail box full",
            "exceeded the storage", "exceeds allowed message count", "would exceed quota",
            "mailbox is overfull", "full mailbox", "out of storage space", "mailbox size exceed"
          }),
          Map.entry("mesgtoobig", new String[] {
            "message too large", "message is too large", "message too big", "message size exceeds",
            "message exceeds maximum", "exceeds maximum message size", "message size limit",
            "size limit exceeded", "too big for system", "message length exceeds",
            "message file too big", "maximum message size", "message size too large",
            "mail size limit", "size of message exceeds", "message is too big", "size exceeds",
            "exceeds size limit", "message exceeds the", "message size is over",
            "exceeded the maximum message size"
          }),
          Map.entry("exceedlimit", new String[] {
            "message header size exceeds limit", "message exceeds local size limit",
            "message too large for this recipient", "exceeds the message size limit"
          }),
          Map.entry("suspend", new String[] {
            "temporary locked", "account is locked", "is disabled", "compte du destinataire est bloque", "account is blocked",
            "account disabled", "account has been disabled", "account is disabled",
            "mailbox disabled", "mailbox is disabled", "suspended", "user suspended",
            "mailbox is frozen", "recipient suspended", "inactive account", "account inactive",
            "account is inactive", "mailbox is inactive", "mailbox inactive", "account expired",
            "has been disabled or discontinued", "boite du destinataire archivee",
            "this account has been disabled", "currently suspended", "is not active",
            "mailbox currently suspended", "account deactivated", "account has been deactivated",
            "user account disabled", "mailbox unavailable (suspended)", "temporarily disabled"
          }),
          Map.entry("hasmoved", new String[] {
            "no longer on server",
            "has been replaced by", "address has moved", "mailbox has moved", "has moved to",
            "no longer valid, please use"
          }),
          Map.entry("norelaying", new String[] {
            "not configured to relay",
            "relaying denied", "relay denied", "relay access denied", "not permitted to relay",
            "relay not permitted", "we do not relay", "relaying not allowed", "unable to relay",
            "relay prohibited", "no relaying", "relaying mail to", "relay not allowed",
            "that domain isn't in my list of allowed rcpthosts", "not allowed to relay",
            "is not permitted to relay", "relaying is prohibited", "relaying disallowed",
            "mail relay denied", "relay rejected"
          }),
          Map.entry("userunknown", new String[] {
            "user does not exist", "recipient address rejected: access denied", "invalid final delivery userid", "address couldn't be found", "recipient address rejected.", "destinataire invalide", "recipientnotfound",
            "user unknown", "unknown user", "no such user", "no such mailbox", "user not found",
            "mailbox not found", "recipient unknown", "unknown recipient",
            "invalid recipient", "invalid mailbox", "no mailbox here",
            "address unknown", "recipient not found", "unknown address", "not a valid mailbox",
            "no such recipient", "unknown local part", "user doesn't have a",
            "bad destination mailbox", "unrouteable address", "no account by that name",
            "user is unknown", "unknown or illegal alias", "addressee unknown",
            "mailbox does not exist", "no such address",
            "user does not exist", "unknown mailbox", "mailbox unavailable",
            "recipient address rejected: user unknown", "is not a valid user",
            "not listed in domino directory", "no such person", "no such local user",
            "invalid address", "user not exist", "address does not exist", "user invalid",
            "unknown email address", "not a known user", "said: 550 5.1.1", "mailbox not exist",
            "unknown or invalid user", "recipient does not exist", "no such account",
            "this user doesn't have", "email account that you tried to reach does not exist",
            "user not known", "destination address unknown", "not found in directory",
            "unknown-user", "userunknown", "recipient is not a valid", "account does not exist",
            "mailbox unknown", "no mailbox by that name", "no valid recipients",
            "user no longer exists", "recipient not recognized", "mailbox is unavailable",
            "was not found in ldap", "is not a valid mailbox", "invalid-recipient",
            "no such mailbox", "unknown account", "user unknown in", "not a valid recipient",
            "address is not valid", "recipient address rejected: undeliverable address"
          }),
          Map.entry("filtered", new String[] {
            "not accepting mail from", "refused by recipient", "rejected by recipient",
            "recipient is not accepting", "user refuses", "denied by recipient",
            "domain has restricted", "mailbox is restricted", "this account is protected",
            "user's filter", "recipient has restricted", "is not accepting messages",
            "delivery not authorized", "rejected by the recipient", "has restricted"
          }),
          Map.entry("rejected", new String[] {
            "sender was rejected", "address is not verified", "not a registered gateway user",
            "sender rejected", "sender address rejected", "domain of sender address",
            "sender verify failed", "sender not pre-approved", "unroutable sender",
            "invalid sender", "bad sender", "sender domain must exist", "mail from rejected",
            "sender is not allowed", "address verification failed for sender",
            "envelope sender", "sender unknown", "rejected sender", "sender not allowed",
            "your email address has been blacklisted", "sender domain", "mail refused",
            "bad return address", "return address", "sender address is invalid",
            "sender denied", "sender blocked", "domain of sender"
          }),
          Map.entry("hostunknown", new String[] {
            "host unknown", "unknown host", "host not found", "domain not found",
            "no such domain", "name or service not known", "unrouteable mail domain",
            "domain does not exist", "domain name not found", "host or domain name not found",
            "illegal host/domain", "unknown domain", "no mx record", "couldn't find any host",
            "recipient domain not found", "host name lookup failure", "domain must exist",
            "unknown mail domain", "nonexistent domain", "mail domain doesn't exist"
          }),
          Map.entry("spamdetected", new String[] {
            "- spam", "message content rejected", "ube,", "spam classification",
            "detected as spam", "spam message", "classified as spam", "identified as spam",
            "considered spam", "high probability of spam", "rejected as spam", "likely spam",
            "spam score", "spam-like", "looked like spam", "looks like spam", "appears to be spam",
            "unsolicited", "spamassassin", "spam content", "message is spam", "is spam",
            "spam detected", "as spam", "spam rejected", "blocked for spam", "spam filter",
            "marked as spam", "suspected spam", "spam mail", "contains spam", "bulk mail"
          }),
          Map.entry("toomanyconn", new String[] {
            "frequency limited",
            "too many connections", "too many simultaneous", "connection rate limit",
            "too many concurrent", "too many open connections", "too many smtp sessions",
            "rate limit exceeded"
          }),
          Map.entry("blocked", new String[] {
            "smtp server of your isp", "spf", "mismatches client ip", "fails to pass authentication checks", "invalid ip for sending", "my name was rejected", "adresse ip source bloquee", "blocked by", "blocked using", "ip blocked", "blocked ip", "has been blocked", "temporarily deferred due to",
            "blacklist", "blocklist", "black list", "listed in", "spamhaus",
            "spamcop", "client host rejected", "ip address", "poor reputation",
            "not allowed to send", "reverse dns", "ptr record", "dnsbl", "your ip", "banned",
            "sorbs", "reputation", "rbl", "your host", "dynamic ip",
            "dial-up", "dialup", "residential", "connection refused", "refused to talk",
            "no reverse", "unresolvable", "currently not permitted to relay"
          }),
          Map.entry("policyviolation", new String[] {
            "multiple addresses in", "potential security issue",
            "policy violation", "violates our", "violation of", "policy", "prohibited",
            "not allowed by", "dmarc", "attachment", "content not allowed"
          }),
          Map.entry("virusdetected", new String[] {
            "virus", "malware", "infected", "trojan", "worm"
          }),
          Map.entry("securityerror", new String[] {
            "unauthenticated senders",
            "authentication required", "tls required", "encryption required", "must use tls",
            "starttls", "authentication failed", "authentication is required",
            "must issue a starttls", "security", "not authenticated", "user not authenticated"
          }),
          Map.entry("systemerror", new String[] {
            "transaction failed", "unable to contact ldap", "service currently unavailable",
            "system error", "internal error", "local error", "server error", "configuration error",
            "routing loop", "mail loop", "too many hops", "loops back to myself", "loop detected",
            "hop count exceeded", "i/o error",
            "recipient has exceeded", "server configuration problem", "local configuration error"
          }),
          Map.entry("networkerror", new String[] {
            "network error", "no mx found", "wasn't able to establish an smtp connection",
            "could not connect", "couldn't connect", "connection timed out",
            "no route to host", "unreachable", "lost connection",
            "connection reset", "dns lookup", "host is down",
            "mx points to", "malformed or unexpected name server reply"
          }),
          Map.entry("expired", new String[] {
            "have been failing for a long time", "will be retried", "did not accept our requests to connect", "envelope expired", "host not reachable", " attempts",
            "retry timeout exceeded", "delivery time expired", "message expired",
            "could not be delivered for", "have been unable to deliver", "retry time",
            "queue too long", "has not been delivered", "delivery expired", "was not delivered within",
            "message timed out", "timeout exceeded", "delivery attempts will continue",
            "giving up", "undeliverable for", "too long in queue", "delivery has been delayed",
            "could not be delivered within", "unable to deliver for", "message has been delayed",
            "retry period"
          }),
          Map.entry("contenterror", new String[] {
            "8-bit", "8bit", "invalid mime", "header error", "improper use of 8-bit",
            "header line too long",
            "bare lf", "line too long"
          }),
          Map.entry("systemfull", new String[] {
            "insufficient disk space",
            "system full", "mail system full", "insufficient system storage", "disk full",
            "out of disk space", "no space left", "insufficient storage"
          }),
          Map.entry("notaccept", new String[] {
            "no smtp service", "doesn't receive email",
            "does not accept mail", "null mx", "not accepting mail", "no mail service",
            "does not receive mail", "accepts no mail"
          }),
          Map.entry("mailererror", new String[] {
            "mailer error", "command died", "exit code", "x-unix", "procmail", "pipe to",
            "command output", "unknown mailer error"
          }),
          Map.entry("syntaxerror", new String[] {
            "malformed address", "command parameter not implemented", "not implemented", "improper sequence",
            "syntax error", "command unrecognized", "unrecognized command", "bad sequence"
          }),
          Map.entry("vacation", new String[] {
            "out of office", "out of the office", "vacation", "auto reply", "autoreply",
            "away from"
          }));
}
