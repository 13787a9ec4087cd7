package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {
  @TempDir Path dir;

  private static AnalyzeCommand picocli(String... args) {
    AnalyzeCommand c = new AnalyzeCommand();
    new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return c;
  }

  private static void assertSameAsPicocli(String... args) {
    AnalyzeCommand quick = AnalyzeCommand.quick(List.of(args));
    AnalyzeCommand ref = picocli(args);
    assertThat(quick).as(String.join(" ", args)).isNotNull();
    assertThat(quick.format).isEqualTo(ref.format);
    assertThat(quick.threads).isEqualTo(ref.threads);
    assertThat(quick.maxBytes).isEqualTo(ref.maxBytes);
    assertThat(quick.inputs).isEqualTo(ref.inputs);
    assertThat(quick.progress).isEqualTo(ref.progress);
  }

  @Test
  void quickParsingAgreesWithPicocli() {
    assertSameAsPicocli("a.eml");
    assertSameAsPicocli("--format", "json", "maildir", "-");
    assertSameAsPicocli("--format=JSON", "--threads=3", "x", "y");
    assertSameAsPicocli("x", "--threads", "1", "--max-bytes", "1000", "--format", "Text", "z");
    assertSameAsPicocli("--max-bytes=010", "-");
    assertSameAsPicocli("--progress", "x");
    assertSameAsPicocli("x", "--format", "json", "--progress", "y");
  }

  @Test
  void anythingUnusualIsLeftToPicocli() {
    for (List<String> args :
        List.of(
            List.of("--help"),
            List.of("-h", "x"),
            List.of("-V"),
            List.of("--", "x"),
            List.of("@args.txt"),
            List.of("--format", "xml", "x"),
            List.of("--format", "json", "--format", "text", "x"),
            List.of("--progress", "--progress", "x"),
            List.of("--progress=true", "x"),
            List.of("--threads", "0", "x"),
            List.of("--threads", "-2", "x"),
            List.of("--max-bytes", "1e6", "x"),
            List.of("--max-bytes", "99999999999", "x"),
            List.of("--unknown", "x"),
            List.of("x", "--threads"),
            List.of("--format", "json"),
            List.of(""))) {
      assertThat(AnalyzeCommand.quick(args)).as(args.toString()).isNull();
    }
  }

  @Test
  void aLimitOfNoBytesIsRefusedWithAnError() {
    java.io.PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(Main.run("analyze", "--max-bytes", "0", "-")).isEqualTo(2);
    } finally {
      System.setErr(savedErr);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--max-bytes must be a positive");
  }

  private String runMain(String... args) {
    return printed(() -> Main.run(args));
  }

  private static String printed(java.util.function.IntSupplier command) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertThat(command.getAsInt()).isZero();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void textOutputShowsNoControlCharacterFromTheMessageAndNoAbsentValue() throws Exception {
    // A diagnostic that would clear the screen, retitle the window and ring the bell.
    Files.writeString(
        dir.resolve("hostile.eml"),
        "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n\n"
            + "<gone@example.net>: 550 5.1.1 User unknown \u0007\u001b[2J\u001b]0;owned\u0007\r"
            + " \u202eend\n",
        StandardCharsets.UTF_8);
    String out = runMain("analyze", dir.resolve("hostile.eml").toString());
    assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f)).isEmpty();
    assertThat(out)
        .contains("gone@example.net", "550 5.1.1 User unknown ^G")
        .contains("<U+202E>end")
        .doesNotContain("null")
        .doesNotContain("\u202e");
  }

  @Test
  void theBenchmarksCutShortStagesReplaceTheAnalyzerInTheSameRun() throws Exception {
    Files.writeString(
        dir.resolve("a.eml"),
        "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n\n"
            + "<gone@example.net>: 550 5.1.1 User unknown\n");
    Files.writeString(dir.resolve("b.eml"), "From: a@example.com\nSubject: lunch\n\nsee you\n");
    List<String> args = List.of("--format", "json", dir.toString());
    String full = printed(() -> AnalyzeCommand.quick(args).runQuick());
    assertThat(full).contains("gone@example.net").doesNotContain("stage:");
    for (String stage : List.of("unwritten", "parse", "read")) {
      AnalyzeCommand c = AnalyzeCommand.quick(args);
      c.stage = AnalyzeFloor.stage(stage);
      List<String> lines = printed(c::runQuick).lines().toList();
      assertThat(lines).as(stage).hasSize(2);
      assertThat(lines.get(0)).contains("a.eml", "\"kind\":\"none\"", "stage:" + stage);
      assertThat(lines.get(0)).doesNotContain("gone@example.net");
      assertThat(lines.get(1)).contains("b.eml", "stage:" + stage);
    }
  }

  @Test
  void quickAndPicocliPathsPrintTheSameInInputOrder() throws Exception {
    // More files than the command keeps in flight (runs of 8, 32 runs ahead), so the window moves.
    int n = 300;
    for (int i = 0; i < n; i++) {
      String m =
          i % 2 == 0
              ? "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n\n<u"
                  + i
                  + "@example.net>: 550 5.1.1 User unknown\n"
              : "From: a@example.com\nSubject: lunch " + i + "\n\nsee you\n";
      Files.writeString(dir.resolve(String.format("m%03d.eml", i)), m);
    }
    String quick = runMain("analyze", "--format", "json", "--threads", "2", dir.toString());
    // "--" makes the quick reader give up, so this run goes through picocli.
    String viaPicocli =
        runMain("analyze", "--format", "json", "--threads", "2", "--", dir.toString());
    assertThat(quick).isEqualTo(viaPicocli);
    List<String> lines = quick.lines().toList();
    assertThat(lines).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(lines.get(i)).contains(String.format("m%03d.eml", i));
    }
    assertThat(lines.get(0)).contains("u0@example.net");
  }

  @Test
  void filesLargerThanTheReadBufferAndTheLimitAreReadWholeOrCut() throws Exception {
    // 400 KB, the failed recipient at the very end: more than one read of the 256 KB buffer.
    String bounce =
        "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n\n"
            + ("x".repeat(79) + "\n").repeat(5000)
            + "<big@example.net>: 550 5.1.1 User unknown\n";
    Files.writeString(dir.resolve("big.eml"), bounce);
    Files.writeString(dir.resolve("empty.eml"), "");
    String whole = runMain("analyze", "--format", "json", dir.toString());
    assertThat(whole.lines().toList()).hasSize(2);
    assertThat(whole).contains("big@example.net").doesNotContain("limit:size");
    String cut = runMain("analyze", "--format", "json", "--max-bytes", "300000", dir.toString());
    assertThat(cut).doesNotContain("big@example.net").contains("limit:size");
  }

  @Test
  void anMboxFileOrStreamIsAnalysedMessageByMessageInOrder() throws Exception {
    StringBuilder mbox = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      mbox.append("From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n")
          .append("From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n\n")
          .append("<u")
          .append(i)
          .append("@example.net>: 550 5.1.1 User unknown\n")
          .append(">From the quoted body line\n\n");
    }
    Path file = dir.resolve("inbox");
    Files.writeString(file, mbox);
    String out = runMain("analyze", "--format", "json", file.toString());
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(30);
    for (int i = 1; i <= 30; i++) {
      assertThat(lines.get(i - 1))
          .contains("\"file\":\"" + file + "\",\"message\":" + i + ",")
          .contains("u" + i + "@example.net");
    }
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(mbox.toString().getBytes(StandardCharsets.UTF_8)));
      String viaStdin = runMain("analyze", "--format", "json", "-");
      assertThat(viaStdin).isEqualTo(out.replace(file.toString(), "-"));
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void manyInputsAreOneSequenceInTheirOrder() throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("analyze", "--format", "json"));
    Path sub = Files.createDirectory(dir.resolve("sub"));
    for (int i = 0; i < 40; i++) {
      // Named against sort order, so only the order given can explain the output's.
      Path f = (i % 10 == 5 ? sub : dir).resolve(String.format("z%03d.eml", 99 - i));
      Files.writeString(
          f,
          "From: MAILER-DAEMON@example.org\nSubject: Undelivered\n\n<u"
              + i
              + "@example.net>: 550"
              + " 5.1.1 User unknown\n");
      if (i % 10 != 5) {
        args.add(f.toString());
      }
    }
    args.add(sub.toString());
    args.add(dir.resolve("missing.eml").toString());
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> lines;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      PrintStream saved = System.out;
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      try {
        assertThat(Main.run(args.toArray(String[]::new))).isEqualTo(1);
      } finally {
        System.setOut(saved);
      }
      lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    } finally {
      System.setErr(savedErr);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.eml");
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      if (i % 10 != 5) {
        expected.add("u" + i + "@");
      }
    }
    for (int i = 35; i >= 5; i -= 10) {
      expected.add("u" + i + "@"); // the directory, walked in name order
    }
    assertThat(lines).hasSize(40);
    for (int k = 0; k < 40; k++) {
      assertThat(lines.get(k)).contains(expected.get(k));
    }
  }

  @Test
  void progressGoesToStandardErrorAndEndsWithTheCountsByKind() throws Exception {
    Files.writeString(
        dir.resolve("a.eml"),
        "From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n\n<u@example.net>: 550 5.1.1"
            + " User unknown\n");
    Files.writeString(dir.resolve("b.eml"), "From: a@example.com\nSubject: lunch\n\nsee you\n");
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(
              Main.run(
                  "analyze",
                  "--progress",
                  "--format",
                  "json",
                  dir.toString(),
                  dir.resolve("missing.eml").toString()))
          .isEqualTo(1);
    } finally {
      System.setErr(savedErr);
      System.setOut(savedOut);
    }
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    List<String> report = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(report)
        .contains(
            "backstop analyze: " + dir.resolve("missing.eml") + ": no such file or directory");
    assertThat(report.get(report.size() - 1))
        .startsWith("backstop analyze: done in ")
        .contains(", 2 messages, ")
        .endsWith(" (bounce 1, none 1), 1 unreadable");
  }
}
