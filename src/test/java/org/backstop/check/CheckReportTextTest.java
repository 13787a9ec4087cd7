package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTextTest {

  private static ListResult r(String zone, ListStatus s, ListHealth h, String... codes) {
    return new ListResult(
        zone,
        zone,
        s,
        List.of(codes),
        s == ListStatus.LISTED ? List.of("spam source") : List.of(),
        s == ListStatus.LISTED ? "see https://" + zone : null,
        s == ListStatus.REFUSED ? "public resolver" : null,
        "https://" + zone + "/remove",
        h,
        5);
  }

  @Test
  void listingsComeFirstWithTxtAndRemovalAndRefusalsGetAHint() {
    CheckReport rep =
        new CheckReport(
            "192.0.2.1",
            TargetKind.IPV4,
            Instant.EPOCH,
            42,
            List.of(
                r("a.test", ListStatus.CLEAN, ListHealth.OK),
                r("b.test", ListStatus.REFUSED, ListHealth.UNKNOWN),
                r("c.test", ListStatus.LISTED, ListHealth.OK, "127.0.0.2"),
                r("d.test", ListStatus.CLEAN, ListHealth.LISTS_NOTHING)));
    String text = CheckReportText.render(rep);
    assertThat(text)
        .startsWith("192.0.2.1: listed on 1 of 4 lists (2 clean, 0 error, 1 refused) in 42 ms");
    assertThat(text.indexOf("LISTED"))
        .isLessThan(text.indexOf("REFUSED"))
        .isLessThan(text.indexOf("CLEAN"));
    assertThat(text)
        .contains(
            "TXT: see https://c.test",
            "removal: https://c.test/remove",
            "1 list(s) refused the query",
            "d.test: lists nothing");
    assertThat(text.lines()).noneMatch(l -> l.endsWith(" "));
  }
}
