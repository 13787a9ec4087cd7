package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.backstop.zone.Answers;
import org.backstop.zone.ZoneLoader;
import org.backstop.zone.ZoneSnapshot;
import org.backstop.zone.ZoneSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneExportTest {
  @TempDir Path dir;

  @Test
  void exportsBindAndRbldnsdFilesThatLoadBackAlike() throws Exception {
    Path data = dir.resolve("bl.txt");
    Files.writeString(
        data,
        "$SOA 1h ns1.bl.test hm.bl.test 9 1h 1h 1w 1m\n:3:listed $\n"
            + "192.0.2.1\n192.0.2.2 :4:own\n198.51.100.0/24\n!198.51.100.7\n");
    Path bind = dir.resolve("bl.zone");
    Path rbl = dir.resolve("bl.rbl");
    assertThat(
            Main.run(
                "zone",
                "export",
                "--format",
                "bind",
                "-o",
                bind.toString(),
                "bl.test:ip4set:" + data))
        .isZero();
    assertThat(
            Main.run(
                "zone",
                "export",
                "--format",
                "rbldnsd",
                "-o",
                rbl.toString(),
                "bl.test:ip4set:" + data))
        .isZero();
    assertThat(Files.readString(bind))
        .contains(
            "$ORIGIN bl.test.",
            "1.2.0.192\t2100\tIN\tA\t127.0.0.3",
            "*.100.51.198\t2100\tIN\tA\t127.0.0.3",
            " 9 ");
    ZoneSnapshot original = load("bl.test:ip4set:" + data);
    ZoneSnapshot again = load("bl.test:ip4set:" + rbl);
    for (String n :
        List.of("1.2.0.192", "2.2.0.192", "3.2.0.192", "7.100.51.198", "8.100.51.198")) {
      Answers a = new Answers();
      Answers b = new Answers();
      original.lookup(n, a);
      again.lookup(n, b);
      assertThat(b.count()).as(n).isEqualTo(a.count());
      for (int i = 0; i < a.count(); i++) {
        assertThat(b.value(i)).isEqualTo(a.value(i));
      }
    }
    assertThat(again.serial()).isEqualTo(9);
    assertThat(Main.run("zone", "export", "--format", "bind", "not-a-spec")).isNotZero();
  }

  private ZoneSnapshot load(String spec) throws Exception {
    return new ZoneLoader(Clock.systemUTC()).load(ZoneSpec.parse(List.of(spec)).get(0)).snapshot();
  }
}
