package org.backstop.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.backstop.cli.BackstopCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code backstop check} end to end against the fixture DNS server. */
class CheckCommandIT {

  private final FixtureZones zones = new FixtureZones();
  private FixtureDnsServer server;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    server = new FixtureDnsServer(zones);
    zones.testPoints("bl.one.test").testPoints("bl.two.test").testPoints("dbl.one.test");
    zones.listed(
        "bl.one.test", "192.0.2.1", "127.0.0.2", "192.0.2.1 sent spam; see https://bl.one.test/");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(String... args) {
    CommandLine cl =
        new CommandLine(new BackstopCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private String[] args(String target, String... more) {
    String[] base = {
      "check",
      "--only",
      "--dnsbl",
      "bl.one.test",
      "--dnsbl",
      "bl.two.test",
      "--dnsbl",
      "dbl.one.test",
      "--resolver",
      server.hostPort(),
      "--timeout",
      "2000"
    };
    String[] all = new String[base.length + more.length + 1];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    all[all.length - 1] = target;
    return all;
  }

  @Test
  void listedAddressExitsOneAndShowsTheTxt() {
    assertThat(run(args("192.0.2.1"))).isEqualTo(1);
    assertThat(out.toString())
        .contains("192.0.2.1: listed on 1 of 3 lists")
        .containsPattern("LISTED +bl\\.one\\.test +127\\.0\\.0\\.2")
        .contains("TXT: 192.0.2.1 sent spam")
        .containsPattern("CLEAN +bl\\.two\\.test");
    assertThat(err.toString()).doesNotContain("checking"); // stderr is not a terminal here
  }

  @Test
  void aHostileTxtAnswerShowsItsControlCharactersEscaped() {
    // A list's TXT answer is the list operator's text: an ESC sequence in it would clear the
    // screen of whoever runs the check.
    zones.listed("bl.two.test", "192.0.2.7", "127.0.0.2", "gone\u001b[2J\u0007 wrong");
    assertThat(run(args("192.0.2.7"))).isEqualTo(1);
    String text = out.toString();
    assertThat(text.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f)).isEmpty();
    // dnsjava gives a TXT string's unprintable bytes as \DDD (RFC 1035 section 5.1); the check
    // command's own escaping (Printable) stands behind that for every other field.
    assertThat(text).contains("TXT: gone\\027[2J\\007 wrong");
  }

  @Test
  void cleanAddressExitsZero() {
    assertThat(run(args("192.0.2.2"))).isEqualTo(0);
    assertThat(out.toString()).contains("listed on 0 of 3 lists (3 clean");
  }

  @Test
  void jsonOutputHasEveryResultAndTheSummary() throws Exception {
    assertThat(run(args("192.0.2.1", "--format", "json"))).isEqualTo(1);
    JsonNode j = Json.mapper().readTree(out.toString());
    assertThat(j.get("target").asText()).isEqualTo("192.0.2.1");
    assertThat(j.get("results")).hasSize(3);
    assertThat(j.get("summary").get("listed").asInt()).isEqualTo(1);
    JsonNode first = j.get("results").get(0);
    assertThat(first.get("status").asText()).isEqualTo("LISTED");
    assertThat(first.get("health").asText()).isEqualTo("OK");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("check", "--resolver", server.hostPort(), "not an address")).isEqualTo(2);
    assertThat(err.toString()).contains("not an IP address or a domain name");
    assertThat(run("check", "--only", "192.0.2.1")).isEqualTo(2);
    assertThat(run("check", "--resolver", "dns.example", "192.0.2.1")).isEqualTo(2);
    assertThat(run("check", "--dnsbl", "bad zone", "192.0.2.1")).isEqualTo(2);
    assertThat(run("check")).isEqualTo(2);
  }

  @Test
  void packagedJarExitsOneWhenListed() throws Exception {
    Path jar = Path.of(System.getProperty("backstop.jar", "target/backstop.jar"));
    assertThat(jar).as("run mvn package first").exists();
    Process p =
        new ProcessBuilder(
                "java",
                "-jar",
                jar.toString(),
                "check",
                "--only",
                "--dnsbl",
                "bl.one.test",
                "--resolver",
                server.hostPort(),
                "--format",
                "json",
                "192.0.2.1")
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(text).isEqualTo(1);
    assertThat(text).contains("\"status\" : \"LISTED\"");
  }
}
