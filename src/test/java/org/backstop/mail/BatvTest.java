package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatvTest {
  // 2026-11-28 is day 20785 since the epoch, so tags signed that day expire on day 792.
  private static final Instant SIGNING_DAY = Instant.parse("2026-11-28T10:00:00Z");

  /*
   * Vectors computed independently with Exim's algorithm, outside Java:
   *   python3 -c 'import hmac,hashlib; print(hmac.new(b"s3cret",
   *     b"0792alice@example.test", hashlib.sha1).hexdigest()[:6])'      -> 5a5b01
   * (key digit, day stamp and address concatenated, HMAC-SHA1 with the secret, first 6 hex).
   */
  private static final String ALICE_KEY0 = "prvs=07925a5b01=alice@example.test";
  private static final String ALICE_KEY1 = "prvs=17926e78fe=alice@example.test";
  private static final String BOB_KEY0 = "prvs=0792ce95fc=Bob.Smith@Example.ORG";

  private static Batv batv(Instant now, String... keyLines) {
    return new Batv(BatvKeys.of(List.of(keyLines)), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void signsLikeExim() {
    assertThat(batv(SIGNING_DAY, "s3cret").sign("alice@example.test")).isEqualTo(ALICE_KEY0);
    assertThat(batv(SIGNING_DAY, "s3cret").sign("Bob.Smith@Example.ORG")).isEqualTo(BOB_KEY0);
  }

  @Test
  void newestKeySignsAndOlderKeysStillValidate() {
    Batv rotated = batv(SIGNING_DAY, "s3cret", "newkey");
    assertThat(rotated.sign("alice@example.test")).isEqualTo(ALICE_KEY1);
    assertThat(rotated.check(ALICE_KEY0).status()).isEqualTo(BatvStatus.VALID);
    assertThat(rotated.check(ALICE_KEY1).status()).isEqualTo(BatvStatus.VALID);
  }

  @Test
  void validatesEximTagsAndReturnsTheOriginalAddress() {
    BatvCheck c = batv(SIGNING_DAY.plusSeconds(86400 * 3), "s3cret").check(BOB_KEY0);
    assertThat(c.status()).isEqualTo(BatvStatus.VALID);
    assertThat(c.address()).isEqualTo("Bob.Smith@Example.ORG");
    assertThat(c.keyDigit()).isZero();
  }

  @Test
  void tagsAreCaseInsensitive() {
    Batv b = batv(SIGNING_DAY, "s3cret");
    assertThat(b.check("PRVS=07925A5B01=alice@example.test").valid()).isTrue();
    assertThat(b.check("prvs=0792ce95fc=bob.smith@example.org").valid()).isFalse();
    assertThat(b.check(BOB_KEY0.toUpperCase()).status()).isEqualTo(BatvStatus.BAD_SIGNATURE);
  }

  @Test
  void expiresAfterSevenDays() {
    Instant lastDay = SIGNING_DAY.plusSeconds(86400 * 7);
    assertThat(batv(lastDay, "s3cret").check(ALICE_KEY0).status()).isEqualTo(BatvStatus.VALID);
    assertThat(batv(lastDay.plusSeconds(86400), "s3cret").check(ALICE_KEY0).status())
        .isEqualTo(BatvStatus.EXPIRED);
  }

  @Test
  void dayStampWrapsAroundAThousandDays() {
    // Day 20997 expires on day 21004, stamp 004; checked on day 21001 (stamp 001).
    Instant before = Instant.parse("1970-01-01T00:00:00Z").plusSeconds(86400L * 20997);
    Batv signer = batv(before, "s3cret");
    String tag = signer.sign("carol@example.test");
    assertThat(tag).startsWith("prvs=0004");
    assertThat(batv(before.plusSeconds(86400 * 4), "s3cret").check(tag).valid()).isTrue();
    assertThat(batv(before.plusSeconds(86400 * 8), "s3cret").check(tag).status())
        .isEqualTo(BatvStatus.EXPIRED);
  }

  @Test
  void forgedOrAlteredTagsFail() {
    Batv b = batv(SIGNING_DAY, "s3cret");
    assertThat(b.check("prvs=07925a5b02=alice@example.test").status())
        .isEqualTo(BatvStatus.BAD_SIGNATURE);
    assertThat(b.check("prvs=07925a5b01=mallory@example.test").status())
        .isEqualTo(BatvStatus.BAD_SIGNATURE);
    assertThat(batv(SIGNING_DAY, "otherkey").check(ALICE_KEY0).status())
        .isEqualTo(BatvStatus.BAD_SIGNATURE);
    assertThat(b.check(ALICE_KEY1).status()).isEqualTo(BatvStatus.UNKNOWN_KEY);
  }

  @Test
  void untaggedAndMalformedAddressesAreUnsigned() {
    Batv b = batv(SIGNING_DAY, "s3cret");
    assertThat(b.check("alice@example.test").status()).isEqualTo(BatvStatus.UNSIGNED);
    assertThat(b.check("prvs=0792zzzzzz=alice@example.test").status())
        .isEqualTo(BatvStatus.UNSIGNED);
    assertThat(b.check("prvs=07925a5b01=").status()).isEqualTo(BatvStatus.UNSIGNED);
    assertThat(b.check("").status()).isEqualTo(BatvStatus.UNSIGNED);
    assertThat(b.check("x".repeat(600) + "@example.test").status()).isEqualTo(BatvStatus.UNSIGNED);
  }

  @Test
  void acceptsTheSubAddressForm() {
    BatvCheck c = batv(SIGNING_DAY, "s3cret").check("alice+prvs=07925a5b01@example.test");
    assertThat(c.status()).isEqualTo(BatvStatus.VALID);
    assertThat(c.address()).isEqualTo("alice@example.test");
  }

  @Test
  void neverSignsTwiceOrSignsAnAddressWithoutDomain() {
    Batv b = batv(SIGNING_DAY, "s3cret");
    assertThat(b.sign(ALICE_KEY0)).isEqualTo(ALICE_KEY0);
    assertThat(b.sign("postmaster")).isEqualTo("postmaster");
    assertThat(b.sign("")).isEmpty();
    assertThat(Batv.strip(ALICE_KEY0)).isEqualTo("alice@example.test");
    assertThat(Batv.strip("plain@example.test")).isEqualTo("plain@example.test");
  }

  @Test
  void keyFileLineNumberIsTheKeyDigit(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("keys");
    Files.writeString(f, "s3cret\n\nnewkey\n\n");
    BatvKeys keys = BatvKeys.load(f);
    assertThat(keys.signingDigit()).isEqualTo(2);
    Batv b = new Batv(keys, Clock.fixed(SIGNING_DAY, ZoneOffset.UTC));
    assertThat(b.check(ALICE_KEY0).valid()).isTrue();
    assertThat(b.sign("alice@example.test")).startsWith("prvs=2792");
  }

  @Test
  void rejectsBadKeyFiles() {
    assertThatThrownBy(() -> BatvKeys.of(List.of("", " "))).hasMessageContaining("no BATV key");
    assertThatThrownBy(() -> BatvKeys.of(List.of("k".repeat(65)))).hasMessageContaining("64");
    assertThatThrownBy(() -> BatvKeys.of(java.util.Collections.nCopies(11, "k")))
        .hasMessageContaining("at most 10");
  }
}
