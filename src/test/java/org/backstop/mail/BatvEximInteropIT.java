package org.backstop.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with Exim's {@code ${prvs}} / {@code ${prvscheck}}, re-implemented outside Java
 * in perl (Digest::SHA, part of every perl) from Exim's expand.c: tags made there validate in
 * Backstop, and Backstop's tags pass Exim's check, including its expiry rule.
 */
class BatvEximInteropIT {
  // ${prvs{ADDRESS}{SECRET}{DIGIT}}: "prvs=" DIGIT DDD HMAC6 "=" local "@" domain, where DDD is the
  // last 3 digits of today's day number + 7 and HMAC6 the first 6 hex digits of
  // HMAC-SHA1(SECRET, DIGIT . DDD . ADDRESS).
  private static final String EXIM_PRVS =
      "use Digest::SHA qw(hmac_sha1_hex);"
          + "my ($a,$k,$d)=@ARGV; my $day=substr(int(time/86400)+7,-3);"
          + "my ($l,$dom)=$a=~/^(.*)\\@([^\\@]+)$/;"
          + "print 'prvs='.$d.$day.substr(hmac_sha1_hex($d.$day.$a,$k),0,6).'='.$l.'@'.$dom;";

  // ${prvscheck{ADDRESS}{SECRET}{}}: prints 1 when the hash matches and the tag has not expired.
  private static final String EXIM_PRVSCHECK =
      "use Digest::SHA qw(hmac_sha1_hex);"
          + "my ($t,$k)=@ARGV;"
          + "my ($d,$day,$h,$l,$dom)=$t=~/^prvs=([0-9])([0-9]{3})([A-F0-9]{6})=(.+)\\@(.+)$/i"
          + " or do { print 'nomatch'; exit };"
          + "my $own=substr(hmac_sha1_hex($d.$day.\"$l\\@$dom\",$k),0,6);"
          + "my $now=substr(int(time/86400),-3)+0; $now=0 if $day<7 && $now>=993;"
          + "print(($own eq $h && $day>=$now) ? 1 : 0);";

  private static String perl(String script, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("perl", "-e", script));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("perl is needed for this test (Debian: perl-base)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }

  private static final List<String> ADDRESSES =
      List.of(
          "alice@example.test",
          "Bob.Smith@Example.ORG",
          "list+tag@lists.example.test",
          "x=y@example.test",
          "o'neil@example.test");

  @Test
  void tagsMadeByEximsAlgorithmValidateInBackstop() throws Exception {
    Batv batv = new Batv(BatvKeys.of(List.of("first key", "second-key!")), Clock.systemUTC());
    for (String a : ADDRESSES) {
      for (int digit = 0; digit < 2; digit++) {
        String secret = digit == 0 ? "first key" : "second-key!";
        String tag = perl(EXIM_PRVS, a, secret, String.valueOf(digit));
        BatvCheck c = batv.check(tag);
        assertThat(c.status()).as(tag).isEqualTo(BatvStatus.VALID);
        assertThat(c.address()).isEqualTo(a);
        assertThat(c.keyDigit()).isEqualTo(digit);
      }
    }
  }

  @Test
  void backstopTagsPassEximsCheckAndForgeriesFail() throws Exception {
    Batv batv = new Batv(BatvKeys.of(List.of("old", "current secret")), Clock.systemUTC());
    for (String a : ADDRESSES) {
      String tag = batv.sign(a);
      assertThat(tag).startsWith("prvs=1");
      assertThat(perl(EXIM_PRVSCHECK, tag, "current secret")).as(tag).isEqualTo("1");
      assertThat(perl(EXIM_PRVSCHECK, tag, "wrong secret")).as(tag).isEqualTo("0");
    }
  }
}
