package org.backstop.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bounce Address Tag Validation (draft-levine-smtp-batv) in the PRVS form that Exim's {@code
 * ${prvs}} and {@code ${prvscheck}} expansion items make and check, so a site can mix Exim and
 * Backstop: {@code prvs=KDDDSSSSSS=local@domain}, where K is the key digit, DDD the last three
 * digits of the day number (days since 1970-01-01 UTC) on which the tag expires, and SSSSSS the
 * first three bytes, in hex, of HMAC-SHA1(secret, K + DDD + local@domain).
 *
 * <p>The sub-address form {@code local+prvs=KDDDSSSSSS@domain} is also accepted when checking, for
 * sites that sign with a recipient delimiter; the signature is over the untagged address. Tags are
 * compared case-insensitively because some relays fold the case of local parts.
 */
public final class Batv {
  /** How long a tag lives, as in Exim. */
  public static final Duration VALIDITY = Duration.ofDays(7);

  private static final Pattern EXIM_FORM =
      Pattern.compile(
          "^prvs=([0-9])([0-9]{3})([0-9a-f]{6})=(.+)@([^@]+)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SUB_ADDRESS_FORM =
      Pattern.compile(
          "^(.+)\\+prvs=([0-9])([0-9]{3})([0-9a-f]{6})@([^@]+)$", Pattern.CASE_INSENSITIVE);

  // Mac lookup goes through the provider list; one instance per thread, re-keyed per use.
  private static final ThreadLocal<Mac> MAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA1");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
            }
          });

  private final BatvKeys keys;
  private final Clock clock;

  public Batv(BatvKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Signs an envelope sender with the newest key. An address that already carries a tag or has no
   * domain is returned as it is: signing twice would make a bounce address no one checks.
   */
  public String sign(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1 || isTagged(address)) {
      return address;
    }
    int digit = keys.signingDigit();
    String day = dayStamp(VALIDITY.toDays());
    return "prvs=" + digit + day + signature(keys.key(digit), digit, day, address) + "=" + address;
  }

  /** Checks an address (typically the recipient of a bounce) for one of our tags. */
  public BatvCheck check(String address) {
    Tag tag = parse(address);
    if (tag == null) {
      return new BatvCheck(BatvStatus.UNSIGNED, address, -1);
    }
    byte[] key = keys.key(tag.digit);
    if (key == null) {
      return new BatvCheck(BatvStatus.UNKNOWN_KEY, tag.address, tag.digit);
    }
    String expected = signature(key, tag.digit, tag.day, tag.address);
    String expectedLower = signature(key, tag.digit, tag.day, tag.address.toLowerCase(Locale.ROOT));
    byte[] given = tag.signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    // Constant-time comparison: the signature is a secret-derived value an attacker probes.
    boolean match =
        MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII))
            || MessageDigest.isEqual(given, expectedLower.getBytes(StandardCharsets.US_ASCII));
    if (!match) {
      return new BatvCheck(BatvStatus.BAD_SIGNATURE, tag.address, tag.digit);
    }
    // The day stamp wraps every 1000 days; a genuine tag expires 0 to 7 days from today.
    long daysLeft = Math.floorMod(Integer.parseInt(tag.day) - today() % 1000, 1000);
    if (daysLeft > VALIDITY.toDays()) {
      return new BatvCheck(BatvStatus.EXPIRED, tag.address, tag.digit);
    }
    return new BatvCheck(BatvStatus.VALID, tag.address, tag.digit);
  }

  /** True when the address carries a PRVS tag in either form, valid or not. */
  public static boolean isTagged(String address) {
    return parse(address) != null;
  }

  /** The address with any PRVS tag removed; other addresses unchanged. */
  public static String strip(String address) {
    Tag tag = parse(address);
    return tag == null ? address : tag.address;
  }

  private record Tag(int digit, String day, String signature, String address) {}

  private static Tag parse(String address) {
    if (address == null || address.length() > 512) {
      return null;
    }
    Matcher m = EXIM_FORM.matcher(address);
    if (m.matches()) {
      return new Tag(
          m.group(1).charAt(0) - '0', m.group(2), m.group(3), m.group(4) + "@" + m.group(5));
    }
    m = SUB_ADDRESS_FORM.matcher(address);
    if (m.matches()) {
      return new Tag(
          m.group(2).charAt(0) - '0', m.group(3), m.group(4), m.group(1) + "@" + m.group(5));
    }
    return null;
  }

  private long today() {
    return Math.floorDiv(clock.millis(), Duration.ofDays(1).toMillis());
  }

  private String dayStamp(long offsetDays) {
    return String.format(Locale.ROOT, "%03d", (today() + offsetDays) % 1000);
  }

  private static String signature(byte[] key, int digit, String day, String address) {
    try {
      Mac mac = MAC.get();
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal((digit + day + address).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 3);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
    }
  }
}
