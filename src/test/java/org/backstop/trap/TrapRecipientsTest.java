package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrapRecipientsTest {
  private final TrapRecipients r =
      new TrapRecipients(
          List.of("Trap.Example.", "traps.example.org"), List.of("Spam@Mine.Example"));

  @Test
  void anyAddressInATrapDomainIsATrap() {
    assertThat(r.isTrap("anyone@trap.example")).isTrue();
    assertThat(r.isTrap("ANYONE@TRAP.EXAMPLE.")).isTrue();
    assertThat(r.isTrap("x@traps.example.org")).isTrue();
  }

  @Test
  void singleTrapAddressesMatchExactly() {
    assertThat(r.isTrap("spam@mine.example")).isTrue();
    assertThat(r.isTrap("other@mine.example")).isFalse();
  }

  @Test
  void everythingElseIsRefusedSoTheTrapNeverRelays() {
    assertThat(r.isTrap("victim@elsewhere.example")).isFalse();
    assertThat(r.isTrap("x@sub.trap.example")).isFalse();
    assertThat(r.isTrap("x@trap.example.evil")).isFalse();
    assertThat(r.isTrap("trap.example")).isFalse();
    assertThat(r.isTrap("")).isFalse();
    assertThat(r.isTrap("x@")).isFalse();
    assertThat(r.isTrap(null)).isFalse();
  }

  @Test
  void sourceRoutesCountOnlyTheFinalMailbox() {
    assertThat(r.isTrap("@relay.example:x@trap.example")).isTrue();
    assertThat(r.isTrap("@trap.example:x@elsewhere.example")).isFalse();
  }
}
