package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailAlertSinkTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);

  private static ListingChange change(String zone, ListStatus to, String txt) {
    return new ListingChange(
        "192.0.2.7",
        zone,
        zone,
        ListStatus.CLEAN,
        to,
        List.of("127.0.0.2"),
        List.of("spam source"),
        txt,
        "https://" + zone + "/remove",
        Instant.EPOCH);
  }

  @Test
  void messageHasHeadersSubjectAndRemovalPage() {
    EmailAlertSink s =
        new EmailAlertSink(
            "127.0.0.1", 25, "backstop@a.test", List.of("ops@a.test"), "a.test", clock);
    String m = s.message(List.of(change("bl.test", ListStatus.LISTED, "see web")));
    assertThat(m)
        .startsWith("From: backstop@a.test\r\nTo: ops@a.test\r\n")
        .contains("Subject: Backstop: 192.0.2.7 is now listed on bl.test: spam source\r\n")
        .contains("Date: Fri, 1 May 2026 10:00:00 GMT\r\n")
        .contains("Auto-Submitted: auto-generated\r\n")
        .contains("\r\n\r\n192.0.2.7 is now listed on bl.test")
        .contains("  removal: https://bl.test/remove");
  }

  @Test
  void severalChangesGetACountingSubjectAndNoHeaderInjection() {
    EmailAlertSink s =
        new EmailAlertSink("127.0.0.1", 25, "b@a.test", List.of("o@a.test"), "a.test", clock);
    ListingChange evil =
        new ListingChange(
            "192.0.2.7",
            "bl.test",
            "bl.test",
            null,
            ListStatus.LISTED,
            List.of(),
            List.of("x\r\nBcc: victim@example.com"),
            null,
            null,
            Instant.EPOCH);
    String single = s.message(List.of(evil));
    assertThat(single.substring(0, single.indexOf("\r\n\r\n"))).doesNotContain("\r\nBcc:");
    String many =
        s.message(
            List.of(
                change("a.test", ListStatus.LISTED, null),
                change("b.test", ListStatus.CLEAN, null)));
    assertThat(many).contains("Subject: Backstop: 192.0.2.7: 2 blocklist changes");
  }

  @Test
  void rejectsBadAddresses() {
    assertThatThrownBy(
            () -> new EmailAlertSink("h", 25, "not-an-address", List.of("o@a.test"), "a", clock))
        .hasMessageContaining("not a mail address");
    assertThatThrownBy(() -> new EmailAlertSink("h", 25, "b@a.test", List.of(), "a", clock))
        .hasMessageContaining("recipient");
  }
}
