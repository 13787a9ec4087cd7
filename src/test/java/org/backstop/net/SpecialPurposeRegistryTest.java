package org.backstop.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecialPurposeRegistryTest {

  private static String name(String ip) {
    return SpecialPurposeRegistry.find(IpAddress.parse(ip))
        .map(SpecialPurposeRegistry.Entry::name)
        .orElse(null);
  }

  @Test
  void privateLoopbackLinkLocalCgnatAndDocumentationAreSpecial() {
    assertThat(name("10.1.2.3")).isEqualTo("Private-Use");
    assertThat(name("172.31.255.255")).isEqualTo("Private-Use");
    assertThat(name("192.168.0.1")).isEqualTo("Private-Use");
    assertThat(name("127.0.0.2")).isEqualTo("Loopback");
    assertThat(name("169.254.10.10")).isEqualTo("Link Local");
    assertThat(name("100.127.0.1")).isEqualTo("Shared Address Space");
    assertThat(name("192.0.2.1")).startsWith("Documentation");
    assertThat(name("198.51.100.7")).startsWith("Documentation");
    assertThat(name("203.0.113.9")).startsWith("Documentation");
    assertThat(name("255.255.255.255")).isEqualTo("Limited Broadcast");
    assertThat(name("224.0.0.1")).isEqualTo("Multicast");
  }

  @Test
  void theMostSpecificEntryWins() {
    assertThat(name("0.0.0.0")).isEqualTo("This host on this network");
    assertThat(name("0.1.2.3")).isEqualTo("This network");
    assertThat(name("192.0.0.9")).isEqualTo("Port Control Protocol Anycast");
    assertThat(name("2001:0:1::5")).isEqualTo("TEREDO");
    assertThat(name("2001:1ff::1")).isEqualTo("IETF Protocol Assignments");
  }

  @Test
  void ipv6SpecialBlocks() {
    assertThat(name("::1")).isEqualTo("Loopback Address");
    assertThat(name("::")).isEqualTo("Unspecified Address");
    assertThat(name("fe80::1")).isEqualTo("Link-Local Unicast");
    assertThat(name("fd00::5")).isEqualTo("Unique-Local");
    assertThat(name("2001:db8::25")).isEqualTo("Documentation");
    assertThat(name("3fff:fff::1")).isEqualTo("Documentation");
    assertThat(name("ff02::1")).isEqualTo("Multicast");
  }

  @Test
  void mappedAddressesAreJudgedAsIpv4() {
    assertThat(name("::ffff:10.0.0.1")).isEqualTo("Private-Use");
    assertThat(name("::ffff:8.8.8.8")).isNull();
  }

  @Test
  void publicAddressesAreNotSpecial() {
    assertThat(SpecialPurposeRegistry.isSpecialPurpose(IpAddress.parse("8.8.8.8"))).isFalse();
    assertThat(SpecialPurposeRegistry.isSpecialPurpose(IpAddress.parse("11.0.0.1"))).isFalse();
    assertThat(SpecialPurposeRegistry.isSpecialPurpose(IpAddress.parse("172.32.0.1"))).isFalse();
    assertThat(SpecialPurposeRegistry.isSpecialPurpose(IpAddress.parse("100.128.0.1"))).isFalse();
    assertThat(SpecialPurposeRegistry.isSpecialPurpose(IpAddress.parse("2a00:1450::1"))).isFalse();
    assertThat(SpecialPurposeRegistry.isSpecialPurpose(IpAddress.parse("2001:200::1"))).isFalse();
  }
}
