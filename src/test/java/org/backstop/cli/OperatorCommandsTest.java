package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator commands against a SQLite database in a temporary directory. */
class OperatorCommandsTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data";
    all[args.length + 1] = dir.toString();
    return new CommandLine(new BackstopCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(all);
  }

  @Test
  void aReportIsRecordedAndShown() throws Exception {
    Path eml = dir.resolve("m.eml");
    Files.writeString(eml, "Subject: hello\r\nFrom: a@example.net\r\n\r\nbuy now\r\n");
    assertThat(run("report", eml.toString(), "--ip", "8.8.8.8")).isZero();
    assertThat(out.toString()).startsWith("8.8.8.8 ");
    // Not listed (ordinary mail, or the analyzer's verdict): show exits 1 and lists evidence.
    int shown = run("listing", "show", "8.8.8.8");
    assertThat(out.toString())
        .contains("8.8.8.8: ")
        .contains("evidence (newest first)")
        .contains("[operator]");
    assertThat(shown).isIn(0, 1);
  }

  @Test
  void badInputGetsAClearErrorAndAStatus() {
    assertThat(run("report", dir.resolve("missing.eml").toString(), "--ip", "8.8.8.8"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
    assertThat(run("report", "x.eml", "--ip", "8.8.8")).isEqualTo(2);
    assertThat(err.toString()).contains("not an IPv4 or IPv6 address");
    assertThat(run("listing", "show", "nonsense")).isEqualTo(2);
    assertThat(run("listing", "remove", "8.8.8.8", "--reason", "test")).isEqualTo(1);
    assertThat(err.toString()).contains("is not listed");
  }

  @Test
  void specialPurposeAddressesAreRefusedAndExplained() throws Exception {
    Path eml = dir.resolve("m.eml");
    Files.writeString(eml, "Subject: Undelivered Mail\r\n\r\nx\r\n");
    assertThat(run("report", eml.toString(), "--ip", "192.168.1.5")).isZero();
    assertThat(out.toString()).contains("refused").contains("Private-Use");
    run("listing", "show", "192.168.1.5");
    assertThat(out.toString()).contains("special-purpose: Private-Use");
  }

  @Test
  void reportersGetATokenOnceAndCanBeDisabled() {
    assertThat(run("reporter", "add", "alice")).isZero();
    assertThat(out.toString()).contains("token: bst_");
    assertThat(run("reporter", "add", "alice")).isEqualTo(1);
    assertThat(run("reporter", "list")).isZero();
    assertThat(out.toString()).contains("alice").contains("external").contains("trap");
    assertThat(run("reporter", "disable", "alice")).isZero();
    assertThat(run("reporter", "disable", "bob")).isEqualTo(1);
  }

  @Test
  void listShowsCounts() {
    assertThat(run("listing", "list")).isZero();
    assertThat(out.toString()).contains("0 shown, 0 active in total");
  }
}
