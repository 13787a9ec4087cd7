package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void escapeAndControlSequencesShowInCaretNotation() {
    assertThat(Printable.line("550 \u001b[2J\u001b]0;owned\u0007 gone"))
        .isEqualTo("550 ^[[2J^[]0;owned^G gone");
    assertThat(Printable.line("a\u007fb\u0000c")).isEqualTo("a^?b^@c");
  }

  @Test
  void c1ControlsAndBidirectionalOverridesShowTheirCodePoint() {
    // U+009B is a one-character CSI to terminals that take 8-bit controls; U+202E reverses text.
    assertThat(Printable.line("x\u009b31my")).isEqualTo("x<U+009B>31my");
    assertThat(Printable.line("user\u202egnp.exe")).isEqualTo("user<U+202E>gnp.exe");
    assertThat(Printable.line("\u2066a\u2069")).isEqualTo("<U+2066>a<U+2069>");
  }

  @Test
  void aLineHasNoBreaksWhileTextKeepsItsOwn() {
    assertThat(Printable.line("one\ntwo\r\tthree")).isEqualTo("one two  three");
    assertThat(Printable.text("one\ntwo\rthree\u001b")).isEqualTo("one\ntwo three^[");
  }

  @Test
  void ordinaryTextIsLeftAsItIs() {
    String s = "Unzustellbar: Empfänger unbekannt, 宛先不明 <a@example.jp>";
    assertThat(Printable.line(s)).isSameAs(s);
    assertThat(Printable.text("a\nb")).isEqualTo("a\nb");
    assertThat(Printable.line(null)).isNull();
    assertThat(Printable.line("")).isEmpty();
  }
}
