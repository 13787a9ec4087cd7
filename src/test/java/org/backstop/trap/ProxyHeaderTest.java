package org.backstop.trap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.backstop.net.IpAddress;
import org.junit.jupiter.api.Test;

class ProxyHeaderTest {

  private static InputStream ascii(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** A v2 header as a load balancer writes it (proxy-protocol.txt section 2.2). */
  static byte[] v2(int verCmd, int family, byte[] block) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ProxyHeader.V2_SIGNATURE);
    out.write(verCmd);
    out.write(family);
    out.write(block.length >>> 8);
    out.write(block.length & 0xFF);
    out.writeBytes(block);
    return out.toByteArray();
  }

  static byte[] v2Tcp4(String src, int srcPort) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(IpAddress.parse(src).bytes());
    b.writeBytes(IpAddress.parse("127.0.0.1").bytes());
    b.write(srcPort >>> 8);
    b.write(srcPort & 0xFF);
    b.write(0);
    b.write(25);
    return v2(0x21, 0x11, b.toByteArray());
  }

  @Test
  void v1Tcp4GivesTheSourceAndLeavesTheSmtpBytesUnread() throws Exception {
    InputStream in = ascii("PROXY TCP4 203.0.113.9 127.0.0.1 40000 25\r\nEHLO x\r\n");
    var src = ProxyHeader.read(in).orElseThrow();
    assertThat(src.address()).isEqualTo(IpAddress.parse("203.0.113.9"));
    assertThat(src.port()).isEqualTo(40000);
    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("EHLO x\r\n");
  }

  @Test
  void v1Tcp6IsParsedWithoutDns() throws Exception {
    var src = ProxyHeader.read(ascii("PROXY TCP6 2001:db8::7 ::1 1 2\r\n")).orElseThrow();
    assertThat(src.address()).isEqualTo(IpAddress.parse("2001:db8::7"));
  }

  @Test
  void v1UnknownKeepsThePeer() throws Exception {
    assertThat(ProxyHeader.read(ascii("PROXY UNKNOWN whatever\r\n"))).isEmpty();
  }

  @Test
  void v1RejectsMalformedHeaders() {
    for (String bad :
        new String[] {
          "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n",
          "PROXY TCP4 2001:db8::1 5.6.7.8 1 2\r\n",
          "PROXY TCP4 cafe 5.6.7.8 1 2\r\n",
          "PROXY TCP4 1.2.3.4 5.6.7.8 70000 2\r\n",
          "PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n",
          "PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n",
          "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",
          "PROXX TCP4 1.2.3.4 5.6.7.8 1 2\r\n",
          "PROXY TCP4 " + "1".repeat(120) + "\r\n",
          "EHLO hello\r\n",
        }) {
      assertThatThrownBy(() -> ProxyHeader.read(ascii(bad)))
          .as(bad)
          .isInstanceOf(ProxyHeader.BadHeaderException.class);
    }
  }

  @Test
  void v1TruncatedIsEndOfStream() {
    assertThatThrownBy(() -> ProxyHeader.read(ascii("PROXY TCP4 1.2")))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void v2Tcp4GivesTheSourceAndConsumesExactlyTheHeader() throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(v2Tcp4("198.51.100.23", 5555));
    all.writeBytes("EHLO".getBytes(StandardCharsets.US_ASCII));
    InputStream in = new ByteArrayInputStream(all.toByteArray());
    var src = ProxyHeader.read(in).orElseThrow();
    assertThat(src.address()).isEqualTo(IpAddress.parse("198.51.100.23"));
    assertThat(src.port()).isEqualTo(5555);
    assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("EHLO");
  }

  @Test
  void v2Tcp6WithTrailingTlvs() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(IpAddress.parse("2001:db8::42").bytes());
    b.writeBytes(IpAddress.parse("::1").bytes());
    b.writeBytes(new byte[] {0, 1, 0, 25, 0x04, 0, 1, 0}); // ports, then a NOOP TLV
    var src = ProxyHeader.read(new ByteArrayInputStream(v2(0x21, 0x21, b.toByteArray())));
    assertThat(src.orElseThrow().address()).isEqualTo(IpAddress.parse("2001:db8::42"));
  }

  @Test
  void v2LocalAndUnixKeepThePeer() throws Exception {
    assertThat(ProxyHeader.read(new ByteArrayInputStream(v2(0x20, 0x00, new byte[0])))).isEmpty();
    byte[] unix = new byte[216];
    assertThat(ProxyHeader.read(new ByteArrayInputStream(v2(0x21, 0x31, unix)))).isEmpty();
  }

  @Test
  void v2RejectsBadVersionCommandFamilyAndShortBlocks() {
    byte[][] bad = {
      v2(0x11, 0x11, new byte[12]),
      v2(0x22, 0x11, new byte[12]),
      v2(0x21, 0x51, new byte[12]),
      v2(0x21, 0x11, new byte[11]),
      v2(0x21, 0x21, new byte[20]),
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> ProxyHeader.read(new ByteArrayInputStream(b)))
          .isInstanceOf(ProxyHeader.BadHeaderException.class);
    }
    byte[] badSignature = v2Tcp4("192.0.2.1", 1);
    badSignature[5] = 'X';
    assertThatThrownBy(() -> ProxyHeader.read(new ByteArrayInputStream(badSignature)))
        .isInstanceOf(ProxyHeader.BadHeaderException.class);
  }

  @Test
  void v2TruncatedIsEndOfStream() {
    byte[] whole = v2Tcp4("192.0.2.1", 1);
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    assertThatThrownBy(() -> ProxyHeader.read(new ByteArrayInputStream(cut)))
        .isInstanceOf(EOFException.class);
  }
}
