package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceivedParserTest {
  @Test
  void ipv4LiteralsAreFourNumbersUpTo255() {
    assertThat(ReceivedParser.isIpv4("192.0.2.1")).isTrue();
    assertThat(ReceivedParser.isIpv4("255.255.255.255")).isTrue();
    assertThat(ReceivedParser.isIpv4("0.0.0.0")).isTrue();
    for (String no :
        new String[] {
          "",
          "1.2.3",
          "1.2.3.4.5",
          "256.1.1.1",
          "1..2.3",
          ".1.2.3",
          "1.2.3.",
          "1.2.3.4a",
          "1234.1.1.1",
          "a.b.c.d",
          "1.2.3.\u0664"
        }) {
      assertThat(ReceivedParser.isIpv4(no)).as(no).isFalse();
    }
  }

  @Test
  void ipv6LiteralsAreHexDigitsColonsAndDots() {
    assertThat(ReceivedParser.isIp("2001:db8::1")).isTrue();
    assertThat(ReceivedParser.isIp("::ffff:192.0.2.1")).isTrue();
    assertThat(ReceivedParser.isIp("2001:db8::g")).isFalse();
    assertThat(ReceivedParser.isIp("mx.example.com")).isFalse();
  }

  @Test
  void aHopGivesItsHostsAndAddress() {
    Hop h =
        ReceivedParser.parse(
            "from mail.example.com (mail.example.com [192.0.2.7])\tby mx.example.org (Postfix)"
                + " with ESMTP id 1; Mon, 1 Jan 2024 00:00:00 +0000");
    assertThat(h.fromHost()).isEqualTo("mail.example.com");
    assertThat(h.ip()).isEqualTo("192.0.2.7");
    assertThat(h.byHost()).isEqualTo("mx.example.org");
    assertThat(ReceivedParser.parse("from [IPv6:2001:db8::5] by mx.example.org").ip())
        .isEqualTo("2001:db8::5");
    assertThat(ReceivedParser.parse("from host 198.51.100.3 by mx").ip()).isEqualTo("198.51.100.3");
  }
}
