package org.backstop.net;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890, as updated by RFC 8190 and
 * later assignments), plus the multicast blocks: addresses that are never a legitimate public mail
 * server, so a blocklist must never list them.
 *
 * <p>Hand-written because the registries are small, change rarely and no maintained Java library
 * ships them; each entry names its RFC.
 */
public final class SpecialPurposeRegistry {

  /**
   * One registry entry.
   *
   * @param block the address block
   * @param name the registry's name for it
   * @param reference the RFC that reserves it
   */
  public record Entry(Cidr block, String name, String reference) {}

  private static final List<Entry> ENTRIES =
      List.of(
          // IPv4: https://www.iana.org/assignments/iana-ipv4-special-registry
          e("0.0.0.0/8", "This network", "RFC 791"),
          e("0.0.0.0/32", "This host on this network", "RFC 1122"),
          e("10.0.0.0/8", "Private-Use", "RFC 1918"),
          e("100.64.0.0/10", "Shared Address Space", "RFC 6598"),
          e("127.0.0.0/8", "Loopback", "RFC 1122"),
          e("169.254.0.0/16", "Link Local", "RFC 3927"),
          e("172.16.0.0/12", "Private-Use", "RFC 1918"),
          e("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890"),
          e("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335"),
          e("192.0.0.8/32", "IPv4 dummy address", "RFC 7600"),
          e("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723"),
          e("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155"),
          e("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880"),
          e("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880"),
          e("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737"),
          e("192.31.196.0/24", "AS112-v4", "RFC 7535"),
          e("192.52.193.0/24", "AMT", "RFC 7450"),
          e("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526"),
          e("192.168.0.0/16", "Private-Use", "RFC 1918"),
          e("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534"),
          e("198.18.0.0/15", "Benchmarking", "RFC 2544"),
          e("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737"),
          e("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737"),
          e("224.0.0.0/4", "Multicast", "RFC 5771"),
          e("240.0.0.0/4", "Reserved", "RFC 1112"),
          e("255.255.255.255/32", "Limited Broadcast", "RFC 919"),
          // IPv6: https://www.iana.org/assignments/iana-ipv6-special-registry
          e("::1/128", "Loopback Address", "RFC 4291"),
          e("::/128", "Unspecified Address", "RFC 4291"),
          e("64:ff9b::/96", "IPv4-IPv6 Translation", "RFC 6052"),
          e("64:ff9b:1::/48", "IPv4-IPv6 Translation", "RFC 8215"),
          e("100::/64", "Discard-Only Address Block", "RFC 6666"),
          e("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780"),
          e("2001::/23", "IETF Protocol Assignments", "RFC 2928"),
          e("2001::/32", "TEREDO", "RFC 4380"),
          e("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723"),
          e("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155"),
          e("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665"),
          e("2001:2::/48", "Benchmarking", "RFC 5180"),
          e("2001:3::/32", "AMT", "RFC 7450"),
          e("2001:4:112::/48", "AS112-v6", "RFC 7535"),
          e("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843"),
          e("2001:20::/28", "ORCHIDv2", "RFC 7343"),
          e("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374"),
          e("2001:db8::/32", "Documentation", "RFC 3849"),
          e("2002::/16", "6to4", "RFC 3056"),
          e("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534"),
          e("3fff::/20", "Documentation", "RFC 9637"),
          e("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602"),
          e("fc00::/7", "Unique-Local", "RFC 4193"),
          e("fe80::/10", "Link-Local Unicast", "RFC 4291"),
          e("ff00::/8", "Multicast", "RFC 4291"));

  private SpecialPurposeRegistry() {}

  private static Entry e(String cidr, String name, String reference) {
    return new Entry(Cidr.parse(cidr), name, reference);
  }

  /** Every entry, IPv4 first, in registry order. */
  public static List<Entry> entries() {
    return ENTRIES;
  }

  /**
   * The most specific entry containing the address, if any. An IPv4-mapped IPv6 address is judged
   * as the IPv4 address it carries (RFC 4291 section 2.5.5.2).
   */
  public static Optional<Entry> find(IpAddress address) {
    IpAddress a = address.unmapped();
    return ENTRIES.stream()
        .filter(x -> x.block().network().isV4() == a.isV4() && x.block().contains(a))
        .max(Comparator.comparingInt(x -> x.block().prefix()));
  }

  /** True when the address lies in any special-purpose block. */
  public static boolean isSpecialPurpose(IpAddress address) {
    return find(address).isPresent();
  }
}
