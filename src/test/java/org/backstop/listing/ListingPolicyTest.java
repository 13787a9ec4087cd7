package org.backstop.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.backstop.mail.MessageKind;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class ListingPolicyTest {
  private final ListingPolicy policy = new ListingPolicy(PolicyConfig.defaults());

  private static Evidence e(EvidenceKind kind, String reporter) {
    return new Evidence(
        "id",
        IpAddress.parse("8.8.8.8"),
        kind,
        reporter,
        Instant.EPOCH,
        null,
        "",
        List.of(),
        null,
        "",
        null);
  }

  private static PolicyFacts trusted() {
    return new PolicyFacts(null, null, true, 0, false);
  }

  @Test
  void trapBackscatterListsAtOnce() {
    for (EvidenceKind k :
        List.of(
            EvidenceKind.BOUNCE,
            EvidenceKind.AUTOREPLY,
            EvidenceKind.CHALLENGE,
            EvidenceKind.CALLOUT)) {
      Decision d = policy.decide(e(k, "trap"), trusted());
      assertThat(d.outcome()).as(k.label()).isEqualTo(Outcome.LISTED);
      assertThat(d.reason()).contains("spam trap");
    }
  }

  @Test
  void evidenceForAListedAddressRenews() {
    assertThat(
            policy
                .decide(e(EvidenceKind.BOUNCE, "trap"), new PolicyFacts(null, null, true, 0, true))
                .outcome())
        .isEqualTo(Outcome.RENEWED);
  }

  @Test
  void spamIsRecordedOnly() {
    Decision d = policy.decide(e(EvidenceKind.SPAM, "trap"), trusted());
    assertThat(d.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(d.reason()).contains("not backscatter");
  }

  @Test
  void specialPurposeBeatsAllowlistBeatsEverythingElse() {
    Decision d =
        policy.decide(
            e(EvidenceKind.BOUNCE, "trap"),
            new PolicyFacts("Loopback, RFC 1122", "x", true, 0, false));
    assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(d.reason()).contains("special-purpose").contains("Loopback");
    d =
        policy.decide(
            e(EvidenceKind.BOUNCE, "trap"), new PolicyFacts(null, "partner", true, 0, false));
    assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(d.reason()).contains("allowlisted (partner)");
  }

  @Test
  void externalReportersMustAgree() {
    assertThat(
            policy
                .decide(e(EvidenceKind.BOUNCE, "r1"), new PolicyFacts(null, null, false, 1, false))
                .outcome())
        .isEqualTo(Outcome.RECORDED);
    assertThat(
            policy
                .decide(e(EvidenceKind.BOUNCE, "r1"), new PolicyFacts(null, null, false, 2, false))
                .outcome())
        .isEqualTo(Outcome.LISTED);
    ListingPolicy three =
        new ListingPolicy(
            new PolicyConfig(Duration.ofDays(28), 3, PolicyConfig.defaults().listingKinds(), 5));
    assertThat(
            three
                .decide(e(EvidenceKind.BOUNCE, "r1"), new PolicyFacts(null, null, false, 2, false))
                .reason())
        .contains("2 of 3");
  }

  @Test
  void listingKindsAreConfigurable() {
    ListingPolicy noCallouts =
        new ListingPolicy(
            new PolicyConfig(Duration.ofDays(28), 2, EnumSet.of(EvidenceKind.BOUNCE), 5));
    Decision d = noCallouts.decide(e(EvidenceKind.CALLOUT, "trap"), trusted());
    assertThat(d.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(d.reason()).contains("callout evidence does not list");
  }

  @Test
  void analyzerKindsMapToEvidenceKinds() {
    assertThat(EvidenceKind.of(MessageKind.DSN)).isEqualTo(EvidenceKind.BOUNCE);
    assertThat(EvidenceKind.of(MessageKind.VIRUS)).isEqualTo(EvidenceKind.BOUNCE);
    assertThat(EvidenceKind.of(MessageKind.AUTOREPLY)).isEqualTo(EvidenceKind.AUTOREPLY);
    assertThat(EvidenceKind.of(MessageKind.CHALLENGE)).isEqualTo(EvidenceKind.CHALLENGE);
    assertThat(EvidenceKind.of(MessageKind.NONE)).isEqualTo(EvidenceKind.SPAM);
    assertThat(EvidenceKind.of(MessageKind.FEEDBACK)).isEqualTo(EvidenceKind.SPAM);
  }

  @Test
  void badConfigurationIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PolicyConfig(Duration.ZERO, 2, EnumSet.of(EvidenceKind.BOUNCE), 5))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PolicyConfig(Duration.ofDays(1), 0, EnumSet.of(EvidenceKind.BOUNCE), 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
