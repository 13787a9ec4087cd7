package org.backstop.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Probes one SMTP server the way a backscatter audit needs (RFC 5321): the banner, whether EHLO
 * offers STARTTLS (RFC 3207), whether {@code MAIL FROM:<>} is accepted (section 4.5.5 says it must
 * be), whether a recipient that cannot exist is refused during the dialogue (if not, the server
 * bounces later and sends backscatter), and whether it relays to a foreign domain.
 *
 * <p>It never sends a message: it says QUIT before DATA. Hand-written rather than a mail library
 * because it must read every reply, including refusals, as data with bounded line length and a
 * deadline on each read, and never proceed to DATA.
 */
public final class SmtpProbe {

  private static final int MAX_LINE = 1000;
  private static final int MAX_LINES = 100;
  private static final int MAX_TRANSCRIPT = 200;

  private final String helo;
  private final Duration timeout;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param helo the name to announce in EHLO, and the domain of the probe's sender address
   * @param timeout the deadline of the connection and of each reply
   */
  public SmtpProbe(String helo, Duration timeout) {
    this.helo = helo;
    this.timeout = timeout;
  }

  /** Probes the server at {@code address} acting as MX {@code host} for {@code domain}. */
  public SmtpProbeResult probe(String host, InetSocketAddress address, String domain) {
    Dialogue d = new Dialogue();
    String addr = address.getAddress().getHostAddress();
    try (Socket s = new Socket()) {
      s.connect(address, (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      d.in = s.getInputStream();
      d.out = s.getOutputStream();
      SmtpReply banner = d.read();
      if (!banner.positive()) {
        d.send("QUIT");
        return result(host, address, null, banner, false, null, null, null, d);
      }
      SmtpReply ehlo = d.command("EHLO " + helo);
      boolean starttls = false;
      if (ehlo.positive()) {
        for (String line : ehlo.text().split("\n")) {
          starttls |= line.trim().toUpperCase(Locale.ROOT).startsWith("STARTTLS");
        }
      } else {
        d.command("HELO " + helo);
      }
      String sender = "postmaster@" + helo;
      String nobody = "backstop-probe-" + HexFormat.of().formatHex(bytes(8)) + "@" + domain;
      SmtpReply nullSender = d.command("MAIL FROM:<>");
      if (!nullSender.positive()) {
        d.command("RSET");
        d.command("MAIL FROM:<" + sender + ">");
      }
      SmtpReply unknown = d.command("RCPT TO:<" + nobody + ">");
      d.command("RSET");
      d.command("MAIL FROM:<" + sender + ">");
      SmtpReply relay = d.command("RCPT TO:<backstop-relay-test@" + foreignDomain(domain) + ">");
      d.command("RSET");
      d.send("QUIT");
      return result(host, address, null, banner, starttls, nullSender, unknown, relay, d);
    } catch (IOException e) {
      String why =
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return new SmtpProbeResult(
          host, addr, address.getPort(), why, null, false, null, null, null, d.transcript);
    }
  }

  /** A domain that is surely not the audited one nor hosted by it (RFC 2606 reserved names). */
  static String foreignDomain(String domain) {
    return domain.equals("example.com") || domain.endsWith(".example.com")
        ? "example.net"
        : "example.com";
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static SmtpProbeResult result(
      String host,
      InetSocketAddress a,
      String error,
      SmtpReply banner,
      boolean starttls,
      SmtpReply nullSender,
      SmtpReply unknown,
      SmtpReply relay,
      Dialogue d) {
    return new SmtpProbeResult(
        host,
        a.getAddress().getHostAddress(),
        a.getPort(),
        error,
        banner,
        starttls,
        nullSender,
        unknown,
        relay,
        d.transcript);
  }

  /** One SMTP conversation: bounded reads, every line kept in a bounded transcript. */
  private static final class Dialogue {
    InputStream in;
    OutputStream out;
    final List<String> transcript = new ArrayList<>();

    SmtpReply command(String line) throws IOException {
      send(line);
      return read();
    }

    void send(String line) throws IOException {
      log("C: " + line);
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    SmtpReply read() throws IOException {
      StringBuilder text = new StringBuilder();
      for (int n = 0; n < MAX_LINES; n++) {
        String line = readLine();
        log("S: " + line);
        if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
          throw new IOException("not an SMTP reply: " + line);
        }
        int code = Integer.parseInt(line.substring(0, 3));
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(line.length() > 4 ? line.substring(4) : "");
        if (line.length() == 3 || line.charAt(3) != '-') {
          return new SmtpReply(code, text.toString());
        }
      }
      throw new IOException("reply longer than " + MAX_LINES + " lines");
    }

    private String readLine() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          break;
        }
        if (c != '\r' && b.size() < MAX_LINE) {
          b.write(c);
        }
      }
      if (c == -1 && b.size() == 0) {
        throw new IOException("connection closed by the server");
      }
      return b.toString(StandardCharsets.ISO_8859_1);
    }

    private void log(String line) {
      if (transcript.size() < MAX_TRANSCRIPT) {
        transcript.add(line);
      }
    }
  }
}
