package org.backstop.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.2, 127.0.0.2",
    "0.0.0.0, 0.0.0.0",
    "255.255.255.255, 255.255.255.255",
    "2001:DB8::1, 2001:db8::1",
    "::, ::",
    "::1, ::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "::ffff:127.0.0.2, ::ffff:127.0.0.2",
    "::FFFF:7F00:2, ::ffff:127.0.0.2",
    "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
    "fe80::, fe80::",
  })
  void parsesAndFormatsCanonically(String in, String out) {
    assertThat(IpAddress.parse(in).toString()).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d", "1.2.3.4 ",
        ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", ":1:2", "1:", "localhost", "g::1",
        "1.2.3.4/24"
      })
  void rejectsMalformedAddresses(String in) {
    assertThat(IpAddress.tryParse(in)).isNull();
    assertThatThrownBy(() -> IpAddress.parse(in)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reversesIpv4AsRfc5782Says() {
    assertThat(IpAddress.parse("192.0.2.99").reversedName()).isEqualTo("99.2.0.192");
    assertThat(IpAddress.fromReversedName("99.2.0.192")).isEqualTo(IpAddress.parse("192.0.2.99"));
  }

  @Test
  void reversesIpv6AsNibbles() {
    IpAddress a = IpAddress.parse("2001:db8:1:2:3:4:567:89ab");
    assertThat(a.reversedName())
        .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2");
    assertThat(IpAddress.fromReversedName(a.reversedName())).isEqualTo(a);
  }

  @Test
  void incompleteReversedNamesAreNotAddresses() {
    assertThat(IpAddress.fromReversedName("2.0.127")).isNull();
    assertThat(IpAddress.fromReversedName("x.0.0.127")).isNull();
    assertThat(IpAddress.fromReversedName("300.0.0.127")).isNull();
  }

  @Test
  void bytesRoundTrip() {
    for (String s : new String[] {"10.1.2.3", "2001:db8::ff00:42:8329"}) {
      IpAddress a = IpAddress.parse(s);
      assertThat(IpAddress.ofBytes(a.bytes())).isEqualTo(a);
    }
  }

  @Test
  void ordersIpv4BeforeIpv6AndUnsigned() {
    assertThat(IpAddress.parse("200.0.0.1")).isGreaterThan(IpAddress.parse("10.0.0.1"));
    assertThat(IpAddress.parse("::1")).isGreaterThan(IpAddress.parse("255.255.255.255"));
  }
}
