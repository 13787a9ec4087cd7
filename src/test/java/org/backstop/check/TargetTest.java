package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void ipv4QueryNameIsReversed() {
    Target t = Target.parse("192.0.2.99");
    assertThat(t.kind()).isEqualTo(TargetKind.IPV4);
    assertThat(t.queryName("bl.example")).isEqualTo("99.2.0.192.bl.example");
  }

  @Test
  void mappedIpv6IsCheckedAsIpv4() {
    assertThat(Target.parse("::ffff:192.0.2.1").kind()).isEqualTo(TargetKind.IPV4);
  }

  @Test
  void ipv6QueryNameIsNibbles() {
    Target t = Target.parse("2001:db8::1");
    assertThat(t.kind()).isEqualTo(TargetKind.IPV6);
    assertThat(t.queryName("bl.example"))
        .hasSize(63 + 11)
        .startsWith("1.0.0.0.")
        .endsWith(".8.b.d.0.1.0.0.2.bl.example");
  }

  @Test
  void domainIsLowercasedWithoutTrailingDot() {
    Target t = Target.parse("Mail.Example.COM.");
    assertThat(t.kind()).isEqualTo(TargetKind.DOMAIN);
    assertThat(t.queryName("dbl.example")).isEqualTo("mail.example.com.dbl.example");
  }

  @Test
  void garbageIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> Target.parse("300.1.1.1"))
        .hasMessageContaining("not an IP address or a domain");
    assertThatThrownBy(() -> Target.parse("bad domain.com"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Target.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Target.parse("x".repeat(300) + ".com")).hasMessageEndingWith("...");
  }
}
