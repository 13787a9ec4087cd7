package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class DnsblSiteTest {
  private static IpAddress ip(String s) {
    return IpAddress.parse(s);
  }

  @Test
  void parsesPostscreenSyntax() {
    DnsblSite s = DnsblSite.parse("zen.spamhaus.org=127.0.0.[2..11]*3");
    assertThat(s.zone()).isEqualTo("zen.spamhaus.org");
    assertThat(s.weight()).isEqualTo(3);
    assertThat(s.matches(ip("127.0.0.2"))).isTrue();
    assertThat(s.matches(ip("127.0.0.11"))).isTrue();
    assertThat(s.matches(ip("127.0.0.12"))).isFalse();
    assertThat(s.matches(ip("127.0.1.2"))).isFalse();
    assertThat(s.toString()).isEqualTo("zen.spamhaus.org=127.0.0.[2..11]*3");
  }

  @Test
  void noFilterMatchesAnyAnswerAndWeightDefaultsToOne() {
    DnsblSite s = DnsblSite.parse("ips.backscatterer.org.");
    assertThat(s.zone()).isEqualTo("ips.backscatterer.org");
    assertThat(s.weight()).isEqualTo(1);
    assertThat(s.matches(ip("127.0.0.200"))).isTrue();
  }

  @Test
  void listsOfNumbersAndRangesAndNegativeWeights() {
    DnsblSite s = DnsblSite.parse("list.dnswl.org=127.0.[0..255].[1;3..4]*-5");
    assertThat(s.weight()).isEqualTo(-5);
    assertThat(s.matches(ip("127.0.9.1"))).isTrue();
    assertThat(s.matches(ip("127.0.9.4"))).isTrue();
    assertThat(s.matches(ip("127.0.9.2"))).isFalse();
    assertThat(s.matches(ip("::1"))).isFalse();
  }

  @Test
  void rejectsMalformedSites() {
    for (String bad :
        new String[] {
          "",
          "=127.0.0.2",
          "zone=127.0.0",
          "zone=127.0.0.[2..1]",
          "zone=127.0.0.300",
          "zone*x",
          "zone=127.0.0.[2",
          "bad zone",
          "zone=127.0.0.2;3"
        }) {
      assertThatThrownBy(() -> DnsblSite.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
