package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class DnsblListTest {

  private static DnsblList list(Map<String, String> codes, boolean bitmask) {
    return new DnsblList(
        "bl.example.test",
        "Example",
        Set.of(TargetKind.DOMAIN),
        codes,
        bitmask,
        Map.of("127.0.0.1", "refused"),
        "https://example.test/remove",
        true,
        null,
        null,
        null);
  }

  @Test
  void bitmaskAnswerNamesEverySetBit() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("127.0.0.8", "PH");
    codes.put("127.0.0.16", "MW");
    codes.put("127.0.0.64", "ABUSE");
    assertThat(list(codes, true).meaning(IpAddress.parse("127.0.0.80"))).isEqualTo("MW; ABUSE");
  }

  @Test
  void rangeKeyCoversEveryAddressInIt() {
    DnsblList l = list(Map.of("127.0.2.2-127.0.2.24", "young domain"), false);
    assertThat(l.meaning(IpAddress.parse("127.0.2.17"))).isEqualTo("young domain");
    assertThat(l.meaning(IpAddress.parse("127.0.2.25"))).contains("not documented");
  }

  @Test
  void refusalCodeIsRecognised() {
    DnsblList l = list(Map.of("127.0.0.2", "black"), true);
    assertThat(l.refusal(IpAddress.parse("127.0.0.1"))).isEqualTo("refused");
    assertThat(l.refusal(IpAddress.parse("127.0.0.2"))).isNull();
  }

  @Test
  void defaultTestPointsFollowRfc5782SectionFive() {
    assertThat(list(Map.of(), false).positiveTestName(TargetKind.DOMAIN)).isEqualTo("test");
    assertThat(list(Map.of(), false).negativeTestName(TargetKind.DOMAIN)).isEqualTo("invalid");
    assertThat(list(Map.of(), false).positiveTestName(TargetKind.IPV4)).isEqualTo("127.0.0.2");
    DnsblList v6 =
        new DnsblList(
            "v6.example.test",
            null,
            Set.of(TargetKind.IPV6),
            null,
            false,
            null,
            null,
            false,
            null,
            null,
            null);
    assertThat(v6.positiveTestName(TargetKind.IPV6)).isEqualTo("::ffff:7f00:2");
    assertThat(DnsblChecker.testName(v6.positiveTestName(TargetKind.IPV6), v6))
        .startsWith("2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0")
        .endsWith(".v6.example.test");
  }

  @Test
  void documentedTestPointOverridesOnlyForItsKind() {
    DnsblList dbl =
        new DnsblList(
            "dbl.example.test",
            null,
            Set.of(TargetKind.DOMAIN),
            null,
            false,
            null,
            null,
            false,
            "dbltest.com",
            null,
            null);
    assertThat(dbl.positiveTestName(TargetKind.DOMAIN)).isEqualTo("dbltest.com");
    assertThat(dbl.positiveTestName(TargetKind.IPV4)).isEqualTo("127.0.0.2");
    assertThat(dbl.negativeTestName(TargetKind.DOMAIN)).isEqualTo("invalid");
  }

  @Test
  void badZoneIsRejected() {
    assertThatThrownBy(() -> DnsblList.custom("not a zone"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DnsblList.custom("nodots"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
