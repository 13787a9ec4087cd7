package org.backstop.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void normalisesToTheNetworkAddress() {
    assertThat(Cidr.parse("192.0.2.77/24").toString()).isEqualTo("192.0.2.0/24");
    assertThat(Cidr.parse("2001:db8::77/32").toString()).isEqualTo("2001:db8::/32");
  }

  @Test
  void containsAddressesInsideOnly() {
    Cidr c = Cidr.parse("10.0.0.0/8");
    assertThat(c.contains(IpAddress.parse("10.255.1.2"))).isTrue();
    assertThat(c.contains(IpAddress.parse("11.0.0.0"))).isFalse();
    assertThat(c.contains(IpAddress.parse("::ffff:10.1.1.1"))).isTrue();
    assertThat(c.contains(IpAddress.parse("2001:db8::1"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("1.2.3.4"))).isTrue();
    assertThat(Cidr.parse("fe80::/10").contains(IpAddress.parse("febf::1"))).isTrue();
    assertThat(Cidr.parse("fe80::/10").contains(IpAddress.parse("fec0::1"))).isFalse();
  }

  @Test
  void lastAddressOfTheNetwork() {
    assertThat(Cidr.parse("192.0.2.0/25").last().toString()).isEqualTo("192.0.2.127");
    assertThat(Cidr.parse("2001:db8::/64").last().toString())
        .isEqualTo("2001:db8::ffff:ffff:ffff:ffff");
    assertThat(Cidr.parse("1.2.3.4").last().toString()).isEqualTo("1.2.3.4");
  }

  @Test
  void rejectsBadPrefixes() {
    assertThatThrownBy(() -> Cidr.parse("1.2.3.0/33")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("1.2.3.0/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("1.2.3.0/-1")).isInstanceOf(IllegalArgumentException.class);
  }
}
