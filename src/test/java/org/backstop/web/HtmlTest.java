package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesEveryCharacterThatCanOpenMarkupOrCloseAnAttribute() {
    assertThat(Html.esc("<script>alert('x')</script>\"&"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;");
  }

  @Test
  void leavesPlainTextAloneAndNullEmpty() {
    assertThat(Html.esc("192.0.2.1 is fine")).isEqualTo("192.0.2.1 is fine");
    assertThat(Html.esc(null)).isEmpty();
  }

  @Test
  void replacesControlCharactersButKeepsNewlines() {
    assertThat(Html.esc("a\u0000b\nc")).isEqualTo("a\uFFFDb\nc");
  }

  @Test
  void formatsTimesInUtc() {
    assertThat(Html.utc(Instant.parse("2026-11-28T10:15:30Z")))
        .isEqualTo("2026-11-28 10:15:30 UTC");
    assertThat(Html.utc(null)).isEqualTo("—");
  }

  @Test
  void pageLoadsNothingFromElsewhere() {
    String page = Html.page("t", "<p>x</p>");
    assertThat(page).doesNotContain("http://", "https://", "<script", "<link");
    assertThat(page).contains("name=\"viewport\"", "lang=\"en\"");
  }
}
