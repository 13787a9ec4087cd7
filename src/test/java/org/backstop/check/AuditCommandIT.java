package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.backstop.cli.BackstopCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code backstop audit} end to end against the fixture DNS and SMTP servers. */
class AuditCommandIT {
  private final FixtureZones zones = new FixtureZones();
  private FixtureDnsServer dns;
  private FixtureSmtpServer smtp;

  @BeforeEach
  void start() throws Exception {
    dns = new FixtureDnsServer(zones);
    String ip = "127.0.0.61";
    zones
        .mx("hostile.test", 10, "mx.hostile.test")
        .a("mx.hostile.test", ip)
        .ptr(ip, "mx.hostile.test")
        .txt("hostile.test", "v=spf1 mx -all")
        .txt("_dmarc.hostile.test", "v=DMARC1; p=reject");
    smtp = new FixtureSmtpServer(ip, "hostile.test", FixtureSmtpServer.Behaviour.HOSTILE_BANNER);
  }

  @AfterEach
  void stop() throws Exception {
    smtp.close();
    dns.close();
  }

  @Test
  void aHostileBannerReachesTheTerminalWithItsControlCharactersShown() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new BackstopCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.execute(
        "audit",
        "--resolver",
        dns.hostPort(),
        "--smtp-port",
        Integer.toString(smtp.port()),
        "--helo",
        "audit.backstop.test",
        "--timeout",
        "3000",
        "hostile.test");
    String text = out.toString();
    assertThat(text).as(err.toString()).contains("banner: 220 mx.hostile.test ESMTP");
    assertThat(text.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f)).isEmpty();
    assertThat(text).contains("ESMTP ^[]0;owned^G^[[2J<U+009B>fixture");
  }
}
