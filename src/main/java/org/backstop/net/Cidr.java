package org.backstop.net;

/**
 * A network: an address and a prefix length (RFC 4632 for IPv4, RFC 4291 section 2.3 for IPv6). The
 * address is normalised to the network's first address.
 */
public record Cidr(IpAddress network, int prefix) {

  public Cidr {
    if (prefix < 0 || prefix > network.bits()) {
      throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + network);
    }
    network = mask(network, prefix);
  }

  /** Parses {@code addr/prefix}, or a bare address as a single-host network. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      IpAddress a = IpAddress.parse(text.trim());
      return new Cidr(a, a.bits());
    }
    IpAddress a = IpAddress.parse(text.substring(0, slash).trim());
    String p = text.substring(slash + 1).trim();
    if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("bad prefix length in " + text);
    }
    return new Cidr(a, Integer.parseInt(p));
  }

  /** True when the address lies in this network (an IPv4-mapped IPv6 address counts as IPv4). */
  public boolean contains(IpAddress a) {
    IpAddress x = network.isV4() ? a.unmapped() : a;
    return x.v6() == network.v6() && mask(x, prefix).equals(network);
  }

  /** The last address in the network. */
  public IpAddress last() {
    if (network.isV4()) {
      long hostMask = prefix == 0 ? 0xFFFF_FFFFL : (1L << (32 - prefix)) - 1;
      return IpAddress.ofV4((int) (network.lo() | hostMask));
    }
    long hiHost = prefix >= 64 ? 0 : (prefix == 0 ? -1L : -1L >>> prefix);
    long loHost = prefix >= 128 ? 0 : (prefix <= 64 ? -1L : -1L >>> (prefix - 64));
    return IpAddress.ofV6(network.hi() | hiHost, network.lo() | loHost);
  }

  private static IpAddress mask(IpAddress a, int prefix) {
    if (a.isV4()) {
      long m = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
      return IpAddress.ofV4((int) (a.lo() & m));
    }
    long hm = prefix >= 64 ? -1L : (prefix == 0 ? 0 : -1L << (64 - prefix));
    long lm = prefix <= 64 ? 0 : (prefix == 128 ? -1L : -1L << (128 - prefix));
    return IpAddress.ofV6(a.hi() & hm, a.lo() & lm);
  }

  @Override
  public String toString() {
    return network + "/" + prefix;
  }
}
