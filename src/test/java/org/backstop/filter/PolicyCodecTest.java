package org.backstop.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyCodecTest {
  private static InputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsRequestsSeparatedByEmptyLines() throws IOException {
    InputStream in =
        in(
            "request=smtpd_access_policy\nprotocol_state=RCPT\nsender=\nrecipient=a@b.test\n\n"
                + "request=smtpd_access_policy\r\nclient_address=192.0.2.1\r\n\r\n");
    PolicyRequest first = PolicyCodec.read(in);
    assertThat(first.protocolState()).isEqualTo("RCPT");
    assertThat(first.sender()).isEmpty();
    assertThat(first.recipient()).isEqualTo("a@b.test");
    assertThat(PolicyCodec.read(in).clientAddress()).isEqualTo("192.0.2.1");
    assertThat(PolicyCodec.read(in)).isNull();
  }

  @Test
  void skipsLinesWithoutEqualsAndCutsOverlongLines() throws IOException {
    PolicyRequest r =
        PolicyCodec.read(in("garbage\n=novalue\nrecipient=" + "x".repeat(10_000) + "\n\n"));
    assertThat(r.attributes()).containsOnlyKeys("recipient");
    assertThat(r.recipient()).hasSize(PolicyCodec.MAX_LINE - "recipient=".length());
  }

  @Test
  void aTruncatedRequestIsEndOfStream() throws IOException {
    assertThat(PolicyCodec.read(in("recipient=a@b.test\n"))).isNull();
  }

  @Test
  void tooManyAttributesEndTheConnection() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= PolicyCodec.MAX_ATTRIBUTES; i++) {
      sb.append("a").append(i).append("=x\n");
    }
    assertThatThrownBy(() -> PolicyCodec.read(in(sb + "\n"))).isInstanceOf(IOException.class);
  }

  @Test
  void writesOneActionLineAndNeverANewlineInside() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PolicyCodec.write(out, "550 5.7.1 no\naction=OK");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("action=550 5.7.1 no action=OK\n\n");
  }
}
