package org.backstop.filter;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.backstop.mail.Batv;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * The shield's settings, validated once and then read-only.
 *
 * @param batvDomains the domains whose envelope senders we sign and whose bounces must be tagged
 * @param batv the signer, or null when BATV is off
 * @param ourNetworks clients whose mail is ours (outbound): signed and ledgered, never judged
 * @param relayHosts host names of our own relays, as they appear in Received headers
 * @param dnsblThreshold the score at which a client is refused, as postscreen_dnsbl_threshold
 * @param bounceLimit null-sender recipients allowed per client per hour; 0 for no limit
 * @param action what the milter does with backscatter
 * @param maxMessageBytes how much of a message the milter keeps for the analyzer
 */
public record ShieldConfig(
    Set<String> batvDomains,
    Batv batv,
    List<Cidr> ourNetworks,
    Set<String> relayHosts,
    int dnsblThreshold,
    int bounceLimit,
    ShieldAction action,
    int maxMessageBytes) {

  public static final Duration BOUNCE_WINDOW = Duration.ofHours(1);

  public ShieldConfig {
    batvDomains = lower(batvDomains);
    relayHosts = lower(relayHosts);
    ourNetworks = List.copyOf(ourNetworks);
    if (!batvDomains.isEmpty() && batv == null) {
      throw new IllegalArgumentException("--batv-domain needs --batv-key-file");
    }
    if (dnsblThreshold < 1) {
      throw new IllegalArgumentException("DNSBL threshold must be at least 1");
    }
    if (bounceLimit < 0 || maxMessageBytes < 1024) {
      throw new IllegalArgumentException("bounce limit must be >= 0 and message cap >= 1024");
    }
  }

  private static Set<String> lower(Set<String> s) {
    return s.stream().map(x -> x.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** True when the address's domain signs its envelope senders. */
  public boolean signs(String address) {
    if (batv == null) {
      return false;
    }
    int at = address.lastIndexOf('@');
    return at > 0 && batvDomains.contains(address.substring(at + 1).toLowerCase(Locale.ROOT));
  }

  /** True when a client address belongs to one of our networks. */
  public boolean isOurs(String clientAddress) {
    IpAddress ip = IpAddress.tryParse(clientAddress);
    return ip != null && ourNetworks.stream().anyMatch(c -> c.contains(ip));
  }
}
