package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FilterCommandTest {
  @TempDir Path dir;

  private static FilterCommand parse(String... args) {
    FilterCommand c = new FilterCommand();
    new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return c;
  }

  @Test
  void ledgerSharesServesDatabaseUnlessTold() throws Exception {
    assertThat(parse().jdbcUrl()).isEqualTo("jdbc:sqlite:data/backstop.db");
    assertThat(parse("--data", "/var/lib/backstop").jdbcUrl())
        .isEqualTo("jdbc:sqlite:/var/lib/backstop/backstop.db");
    Path conf =
        Files.writeString(dir.resolve("backstop.properties"), "data=/srv/bs\nzone=bl.test\n");
    assertThat(parse("--config", conf.toString()).jdbcUrl())
        .isEqualTo("jdbc:sqlite:/srv/bs/backstop.db");
    Files.writeString(conf, "db=jdbc:postgresql://127.0.0.1/test\n");
    assertThat(parse("--config", conf.toString()).jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1/test");
    assertThat(parse("--config", conf.toString(), "--db", "jdbc:sqlite:x.db").jdbcUrl())
        .isEqualTo("jdbc:sqlite:x.db");
  }

  @Test
  void badSettingsAreReportedWithExitStatus2() {
    CommandLine cl = new CommandLine(new FilterCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err));
    assertThat(cl.execute("--batv-domain", "example.test")).isEqualTo(2);
    assertThat(err.toString()).contains("--batv-domain needs --batv-key-file");
    assertThat(cl.execute("--dnsbl", "zone=1.2.3")).isEqualTo(2);
    assertThat(cl.execute("--policy-listen", "localhost:10040")).isEqualTo(2);
  }

  @Test
  void batvSignAndCheckRoundTrip() throws Exception {
    Path keys = Files.writeString(dir.resolve("keys"), "s3cret\nnewer\n");
    CommandLine cl = new CommandLine(new BatvCommand());
    java.io.StringWriter out = new java.io.StringWriter();
    cl.setOut(new java.io.PrintWriter(out, true));
    assertThat(cl.execute("sign", "--batv-key-file", keys.toString(), "alice@example.test"))
        .isZero();
    String signed = out.toString().strip();
    assertThat(signed).startsWith("prvs=1").endsWith("=alice@example.test");
    out.getBuffer().setLength(0);
    assertThat(cl.execute("check", "--batv-key-file", keys.toString(), signed)).isZero();
    assertThat(out.toString().strip()).isEqualTo("valid alice@example.test key=1");
    out.getBuffer().setLength(0);
    assertThat(cl.execute("check", "--batv-key-file", keys.toString(), "alice@example.test"))
        .isEqualTo(1);
    assertThat(out.toString().strip()).isEqualTo("unsigned alice@example.test");
  }
}
