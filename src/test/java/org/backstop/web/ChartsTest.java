package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backstop.web.Charts.Point;
import org.junit.jupiter.api.Test;

class ChartsTest {
  @Test
  void lineChartIsSelfContainedAccessibleSvg() {
    String svg =
        Charts.line(
            "c",
            "Listings",
            List.of(new Point("2026-11-01", 3), new Point("2026-11-02", 9)),
            "#000");
    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(svg).contains("role=\"img\"", "<title id=\"c-t\">Listings</title>", "<path d=\"M");
    assertThat(svg).doesNotContain("href");
    assertThat(svg).contains("highest 9");
  }

  @Test
  void labelsAreEscaped() {
    String svg = Charts.bars("b", "<t>", List.of(new Point("<script>", 1)), "#000");
    assertThat(svg).doesNotContain("<script>", "<t>").contains("&lt;script&gt;");
  }

  @Test
  void emptySeriesSaysSo() {
    assertThat(Charts.line("e", "x", List.of(), "#000")).contains("no data yet");
    assertThat(Charts.bars("e", "x", List.of(), "#000")).contains("no data yet");
  }

  @Test
  void axisTopIsARoundNumberAtOrAboveTheMaximum() {
    assertThat(Charts.niceMax(List.of(new Point("a", 0)))).isEqualTo(4);
    assertThat(Charts.niceMax(List.of(new Point("a", 9)))).isEqualTo(20);
    assertThat(Charts.niceMax(List.of(new Point("a", 41)))).isEqualTo(100);
    assertThat(Charts.niceMax(List.of(new Point("a", 100)))).isEqualTo(100);
  }
}
