package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpfTest {

  @Test
  void recognisesOnlyVersionOneRecords() {
    assertThat(Spf.isSpf("v=spf1 -all")).isTrue();
    assertThat(Spf.isSpf("V=SPF1")).isTrue();
    assertThat(Spf.isSpf("v=spf10 -all")).isFalse();
    assertThat(Spf.isSpf("google-site-verification=abc")).isFalse();
  }

  @Test
  void countsLookupTermsButNotAddressRanges() {
    Spf s =
        Spf.parse(
            "v=spf1 a mx ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example ptr exists:%{i}.x.example redirect=other.example");
    assertThat(s.errors()).isEmpty();
    assertThat(s.lookupTerms())
        .extracting(Spf.Term::name)
        .containsExactly("a", "mx", "include", "ptr", "exists", "redirect");
    assertThat(s.redirect()).isEqualTo("other.example");
    assertThat(s.all()).isNull();
  }

  @Test
  void qualifierOfAllIsRead() {
    assertThat(Spf.parse("v=spf1 mx ~all").all().qualifier()).isEqualTo('~');
    assertThat(Spf.parse("v=spf1 mx all").all().qualifier()).isEqualTo('+');
    assertThat(Spf.parse("v=spf1 -ALL").all().qualifier()).isEqualTo('-');
  }

  @Test
  void syntaxErrorsAreListedAndParsingGoesOn() {
    Spf s = Spf.parse("v=spf1 ip4:10.0.0.0/33 bogus include: ip6:192.0.2.1 a:/24 -all");
    assertThat(s.errors()).hasSize(4);
    assertThat(s.errors().get(0)).contains("prefix length");
    assertThat(s.errors().get(1)).contains("unknown mechanism 'bogus'");
    assertThat(s.all()).isNotNull();
  }

  @Test
  void dmarcTagsAreReadLeniently() {
    Dmarc d = Dmarc.parse("v=DMARC1;p=Reject ; rua=mailto:a@example.org;;junk");
    assertThat(Dmarc.isDmarc("v=DMARC1;p=Reject")).isTrue();
    assertThat(Dmarc.isDmarc("v=DMARC2; p=reject")).isFalse();
    assertThat(d.policy()).isEqualTo("reject");
    assertThat(d.rua()).isEqualTo("mailto:a@example.org");
  }
}
