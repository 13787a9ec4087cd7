package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class XclientRequestTest {

  @Test
  void addrNameAndHeloAreTakenOver() {
    XclientRequest x = XclientRequest.parse(" ADDR=192.0.2.7 NAME=mx.example.net HELO=helo+20name");
    assertThat(x.addr()).contains(IpAddress.parse("192.0.2.7"));
    assertThat(x.name()).contains("mx.example.net");
    assertThat(x.helo()).contains("helo name");
  }

  @Test
  void ipv6AddrWithOrWithoutPrefix() {
    assertThat(XclientRequest.parse("ADDR=IPV6:2001:db8::1").addr())
        .contains(IpAddress.parse("2001:db8::1"));
    assertThat(XclientRequest.parse("addr=2001:db8::1").addr())
        .contains(IpAddress.parse("2001:db8::1"));
  }

  @Test
  void unavailableValuesChangeNothing() {
    XclientRequest x = XclientRequest.parse("ADDR=[UNAVAILABLE] NAME=[TEMPUNAVAIL] PORT=25");
    assertThat(x.addr()).isEmpty();
    assertThat(x.name()).isEmpty();
  }

  @Test
  void otherKnownAttributesAreAcceptedAndIgnored() {
    XclientRequest x =
        XclientRequest.parse("PROTO=ESMTP LOGIN=u DESTADDR=127.0.0.1 DESTPORT=25 PORT=1");
    assertThat(x)
        .isEqualTo(
            new XclientRequest(
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty()));
  }

  @Test
  void malformedRequestsAreRefused() {
    for (String bad :
        new String[] {
          "",
          "ADDR",
          "=1.2.3.4",
          "FOO=bar",
          "ADDR=not-an-ip",
          "ADDR=cafe",
          "PROTO=UUCP",
          "NAME=a+2",
          "NAME=a+zz",
          "HELO=" + "x".repeat(300),
        }) {
      assertThatThrownBy(() -> XclientRequest.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void xtextDecodesEscapes() {
    assertThat(XclientRequest.xtextDecode("a+2Bb+3D")).isEqualTo("a+b=");
  }
}
