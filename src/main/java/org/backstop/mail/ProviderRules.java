package org.backstop.mail;

/**
 * Large mailbox providers document their own refusal codes and wordings; where a reply comes from
 * one of them (the remote host, or the recipient's domain), its documented meaning names the reason
 * better than generic words. Each table row is the provider's published code or fixed phrase; all
 * matching is plain {@code indexOf} over lower-case text (no regular expressions), so the rules
 * stay linear and cheap.
 */
final class ProviderRules {
  private ProviderRules() {}

  /** The reason a known provider's reply stands for, or null when no provider rule applies. */
  static String reason(Finding f, String lowerDiag) {
    if (lowerDiag.isEmpty()) {
      return null;
    }
    String host = f.remoteMta == null ? "" : Text.lower(f.remoteMta);
    String domain = domainOf(f.address);
    if (!PROVIDERS.in(host) && !PROVIDERS.in(domain)) {
      // No provider's name anywhere in the host or the domain: no rule below can apply but the
      // one that Exchange Online's own codes trigger.
      return ReasonPhrases.says(ReasonPhrases.EXCHANGE_RESOLVER, lowerDiag)
          ? exchangeOnline(f.status, lowerDiag)
          : null;
    }
    if (isHost(host, domain, "secureserver.net")) {
      String r = godaddy(lowerDiag);
      if (r != null) return r;
    }
    if (isHost(host, domain, "orange.fr")
        || isHost(host, domain, "wanadoo.fr")
        || isHost(host, domain, "laposte.net")) {
      String r = orange(lowerDiag);
      if (r != null) return r;
    }
    if (isHost(host, domain, "charter.net") || isHost(host, domain, "spectrum.net")) {
      String r = spectrum(lowerDiag);
      if (r != null) return r;
    }
    if (isHost(host, domain, "mimecast.com")) {
      String r = phrase(lowerDiag, MIMECAST);
      if (r != null) return r;
    }
    if (isHost(host, domain, "qq.com")) {
      String r = phrase(lowerDiag, TENCENT);
      if (r != null) return r;
    }
    if (isHost(host, domain, "docomo.ne.jp")) {
      String r = docomo(f, lowerDiag);
      if (r != null) return r;
    }
    if (isHost(host, domain, "ezweb.ne.jp") || isHost(host, domain, "au.com")) {
      String r = kddi(lowerDiag);
      if (r != null) return r;
    }
    if (containsDomain(host, "outlook.com")
        || containsDomain(host, "exchangelabs.com")
        || ReasonPhrases.says(ReasonPhrases.EXCHANGE_RESOLVER, lowerDiag)) {
      String r = exchangeOnline(f.status, lowerDiag);
      if (r != null) return r;
    }
    return null;
  }

  /** Every domain the rules below name, to skip them all at once for any other host. */
  private static final Phrases PROVIDERS =
      Phrases.of(
          new String[] {
            "secureserver.net",
            "orange.fr",
            "wanadoo.fr",
            "laposte.net",
            "charter.net",
            "spectrum.net",
            "mimecast.com",
            "qq.com",
            "docomo.ne.jp",
            "ezweb.ne.jp",
            "au.com",
            "outlook.com",
            "exchangelabs.com"
          });

  private static boolean isHost(String host, String domain, String suffix) {
    return endsWithDomain(domain, suffix) || containsDomain(host, suffix);
  }

  private static boolean endsWithDomain(String name, String suffix) {
    return name.equals(suffix)
        || name.endsWith(suffix) && name.charAt(name.length() - suffix.length() - 1) == '.';
  }

  /** True when the host text (perhaps "host [ip] (comment)") names a host in that domain. */
  private static boolean containsDomain(String host, String suffix) {
    int i = host.indexOf(suffix);
    while (i >= 0) {
      int end = i + suffix.length();
      boolean startOk = i == 0 || host.charAt(i - 1) == '.';
      boolean endOk =
          end == host.length()
              || !isHostChar(host.charAt(end))
              || host.charAt(end) == '.'
                  && (end + 1 == host.length() || !isHostChar(host.charAt(end + 1)));
      if (startOk && endOk) {
        return true;
      }
      i = host.indexOf(suffix, i + 1);
    }
    return false;
  }

  private static boolean isHostChar(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.';
  }

  private static String domainOf(String address) {
    if (address == null) {
      return "";
    }
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : Text.lower(address.substring(at + 1));
  }

  private static String phrase(String lower, String[][] table) {
    for (String[] row : table) {
      if (lower.contains(row[0])) {
        return row[1];
      }
    }
    return null;
  }

  /** GoDaddy's inbound servers end each refusal with a code "IBnnn" (its published list). */
  private static String godaddy(String lower) {
    int i = lower.indexOf(" ib");
    while (i >= 0) {
      if (i + 6 <= lower.length() && digits(lower, i + 3, 3)) {
        String code = lower.substring(i + 3, i + 6);
        for (String[] row : GODADDY) {
          if (row[0].equals(code)) {
            return row[1];
          }
        }
      }
      i = lower.indexOf(" ib", i + 3);
    }
    return phrase(lower, GODADDY_WORDS);
  }

  private static final String[][] GODADDY = {
    {"007", "toomanyconn"}, // too many sessions from this IP
    {"101", "expired"}, // server temporarily unavailable
    {"103", "blocked"}, // poor reputation (Cloudmark CSI)
    {"104", "blocked"}, // listed on Spamhaus SBL
    {"105", "blocked"}, // listed on Spamhaus XBL
    {"106", "blocked"}, // listed on Spamhaus PBL
    {"108", "blocked"}, // reverse DNS failed
    {"110", "blocked"}, // blocked for sending spam
    {"111", "blocked"},
    {"112", "blocked"}, // blocked for mailing invalid recipients
    {"113", "blocked"},
    {"212", "spamdetected"}, // content judged to be spam
    {"401", "securityerror"}, // authentication not allowed
    {"501", "rejected"}, // blank From address
    {"502", "rejected"}, // IP address as From address
    {"504", "toomanyconn"}, // too many messages this hour
    {"506", "rejected"}, // From domain invalid
    {"508", "rejected"}, // invalid SPF record
    {"510", "toomanyconn"}, // too many messages per session
    {"607", "toomanyconn"}, // too many recipients this hour
    {"705", "virusdetected"} // virus infected message
  };

  private static final String[][] GODADDY_WORDS = {
    {"www.spamhaus.org/query/bl?ip=", "blocked"},
    {"account does not exist", "userunknown"},
    {"account storage limit", "mailboxfull"},
    {"account disabled", "suspend"}
  };

  /**
   * Orange and La Poste (France) append a code "LPNnnn_nnn", "OFRnnn_nnn" or "OUKnnn_nnn"; its last
   * three digits name the cause. Codes that name a temporary refusal without a cause are
   * "undefined".
   */
  private static String orange(String lower) {
    for (String prefix : new String[] {"lpn", "ofr", "ouk"}) {
      int i = lower.indexOf(prefix);
      while (i >= 0) {
        int j = i + 3;
        while (j < lower.length() && (Character.isDigit(lower.charAt(j)))) j++;
        if (j > i + 3
            && j + 4 <= lower.length()
            && lower.charAt(j) == '_'
            && digits(lower, j + 1, 3)) {
          String code = lower.substring(j + 1, j + 4);
          for (String[] row : ORANGE) {
            if (row[0].equals(code)) {
              return row[1];
            }
          }
          return "undefined";
        }
        i = lower.indexOf(prefix, i + 3);
      }
    }
    return null;
  }

  private static final String[][] ORANGE = {
    {"101", "blocked"},
    {"102", "blocked"},
    {"103", "blocked"},
    {"104", "toomanyconn"},
    {"305", "securityerror"},
    {"401", "blocked"},
    {"402", "securityerror"},
    {"403", "rejected"},
    {"405", "rejected"},
    {"415", "rejected"},
    {"416", "userunknown"},
    {"417", "mailboxfull"},
    {"418", "userunknown"},
    {"420", "suspend"},
    {"421", "rejected"},
    {"426", "suspend"},
    {"505", "systemerror"},
    {"506", "spamdetected"},
    {"510", "blocked"},
    {"514", "mesgtoobig"},
    {"517", "policyviolation"},
    {"630", "policyviolation"},
    {"999", "blocked"}
  };

  /** Spectrum (Charter) refers to its published list by "AUP#" and a four-digit number. */
  private static String spectrum(String lower) {
    int i = lower.indexOf("aup#");
    if (i < 0) {
      return null;
    }
    int j = i + 4;
    while (j < lower.length() && (Character.isLetter(lower.charAt(j)) || lower.charAt(j) == '-')) {
      j++;
    }
    if (j + 4 > lower.length() || !digits(lower, j, 4)) {
      return null;
    }
    int n = Integer.parseInt(lower.substring(j, j + 4));
    return switch (n) {
      case 1000 -> "blocked";
      case 1010, 1500, 1520 -> "rejected";
      case 1090 -> "systemerror";
      case 1260 -> "networkerror";
      case 1530 -> "mesgtoobig";
      case 1540, 1550 -> "toomanyconn";
      case 1560 -> "policyviolation";
      default -> {
        if (n >= 1020 && n <= 1080) yield "rejected";
        if (n >= 1100 && n <= 1150 || n >= 1200 && n <= 1250) yield "blocked";
        if (n >= 1160 && n <= 1190) yield "policyviolation";
        if (n >= 1300 && n <= 1490) yield "toomanyconn";
        yield null;
      }
    };
  }

  /** Mimecast's documented refusal texts. */
  private static final String[][] MIMECAST = {
    {"host network not allowed", "policyviolation"},
    {"anti-spoofing policy", "policyviolation"},
    {"message bounced due to content examination policy", "policyviolation"},
    {"email rejected due to security policies", "virusdetected"},
    {"envelope blocked", "rejected"},
    {"administrative prohibition", "rejected"},
    {"block policy for", "rejected"},
    {"ip temporarily blacklisted", "blocked"},
    {"local ct ip reputation", "blocked"},
    {"sender invalid - envelope rejected", "blocked"},
    {"maximum email size exceeded", "mesgtoobig"},
    {"mail loop detected", "networkerror"},
    {"open relay not allowed", "norelaying"},
    {"too many recipients", "toomanyconn"},
    {"invalid recipient", "userunknown"}
  };

  /** Tencent QQ's refusal texts (its help pages are linked from each reply). */
  private static final String[][] TENCENT = {
    {"dmarc check failed", "blocked"},
    {"spf check failed", "blocked"},
    {"suspected spam ip", "blocked"},
    {"mail is rejected by recipients", "filtered"},
    {"message too large", "mesgtoobig"},
    {"mail content denied", "spamdetected"},
    {"spam is embedded in the email", "spamdetected"},
    {"suspected spam", "spamdetected"},
    {"bad address syntax", "syntaxerror"},
    {"frequency limited", "toomanyconn"},
    {"connection denied", "toomanyconn"},
    {"mailbox unavailable or access denied", "toomanyconn"},
    {"mailbox not found", "userunknown"}
  };

  /**
   * NTT docomo answers every refusal with "550 Unknown user" and no enhanced code: at RCPT the
   * address is unknown, after DATA its receive filter refused the sender.
   */
  private static String docomo(Finding f, String lower) {
    String s = f.status == null ? "" : f.status;
    if (s.equals("5.1.1")) return "userunknown";
    if (s.equals("5.2.0")) return "filtered";
    String r = phrase(lower, DOCOMO);
    if (r != null) return r;
    if (s.isEmpty() || s.equals("5.0.0")) {
      if ("RCPT".equals(f.command)) return "userunknown";
      if ("DATA".equals(f.command)) return "rejected";
    }
    return null;
  }

  /**
   * KDDI (au) says "550 : User unknown", without the address, when the recipient's filter refused
   * the sender, and "550 &lt;address&gt;: User unknown" when the mailbox does not exist.
   */
  private static String kddi(String lower) {
    if (lower.contains(">: user unknown")) return "userunknown";
    if (lower.contains("550 : user unknown")) return "filtered";
    return null;
  }

  private static final String[][] DOCOMO = {
    {"552 too much mail data", "mailboxfull"},
    {"552 too many recipients", "toomanyconn"},
    {"503 bad sequence of commands", "syntaxerror"},
    {"504 command parameter not implemented", "syntaxerror"}
  };

  /** Exchange Online's enhanced codes with their documented texts (Microsoft's NDR reference). */
  private static String exchangeOnline(String status, String lower) {
    if (lower.contains("resolver.adr.recipientnotfound")
        || lower.contains("resolver.adr.exrecipnotfound")
        || lower.contains("recipient not found by smtp address lookup")) {
      return "userunknown";
    }
    if (status == null) {
      return null;
    }
    for (String[] row : EXCHANGE) {
      if (row[0].equals(status) && lower.contains(row[1])) {
        return row[2];
      }
    }
    return null;
  }

  private static final String[][] EXCHANGE = {
    {"5.7.509", "does not pass dmarc verification", "blocked"},
    {"5.7.510", "does not accept email over ipv6", "blocked"},
    {"5.7.511", "banned sender", "blocked"},
    {"5.7.513", "customer block list", "blocked"},
    {"5.7.515", "authentication level", "securityerror"},
    {"5.7.23", "sender policy framework violation", "blocked"},
    {"5.7.25", "reverse dns record", "blocked"},
    {"5.4.1", "relay access denied", "norelaying"},
    {"5.4.1", "recipient address rejected: access denied", "userunknown"},
    {"5.1.10", "recipient not found", "userunknown"}
  };

  private static boolean digits(String s, int from, int count) {
    if (from + count > s.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
