package org.backstop.trap;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an envelope recipient is a trap. Anything else is refused, so the trap can never
 * be used as a relay (RFC 5321 section 3.6.2: a server that does not relay rejects).
 */
final class TrapRecipients {
  private final Set<String> domains;
  private final Set<String> addresses;

  TrapRecipients(List<String> domains, List<String> addresses) {
    this.domains = new HashSet<>();
    domains.forEach(d -> this.domains.add(normaliseDomain(d)));
    this.addresses = new HashSet<>();
    addresses.forEach(a -> this.addresses.add(a.trim().toLowerCase(Locale.ROOT)));
  }

  /** Lower case, without a trailing dot. */
  static String normaliseDomain(String d) {
    String s = d.trim().toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** True when the address (without angle brackets) is a trap address or in a trap domain. */
  boolean isTrap(String recipient) {
    if (recipient == null) {
      return false;
    }
    String r = recipient.trim().toLowerCase(Locale.ROOT);
    int colon = r.lastIndexOf(':');
    if (r.startsWith("@") && colon > 0) {
      r = r.substring(colon + 1); // an RFC 5321 source route: only the mailbox counts
    }
    int at = r.lastIndexOf('@');
    if (at <= 0 || at == r.length() - 1) {
      return false;
    }
    String domain = normaliseDomain(r.substring(at + 1));
    return domains.contains(domain) || addresses.contains(r.substring(0, at + 1) + domain);
  }
}
