package org.backstop.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import org.backstop.zone.ZoneLoader;
import org.backstop.zone.ZoneSnapshot;
import org.backstop.zone.ZoneSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneWatcherTest {
  @TempDir Path dir;

  @Test
  void reloadsChangedFilesAndKeepsTheOldZoneWhenAFileVanishes() throws Exception {
    Path f = dir.resolve("bl.txt");
    Files.writeString(f, "192.0.2.1\n");
    ZoneRegistry registry = new ZoneRegistry();
    try (ZoneWatcher w =
        new ZoneWatcher(
            ZoneSpec.parse(List.of("bl.test:ip4tset:" + f)),
            new ZoneLoader(Clock.systemUTC()),
            registry::publish)) {
      w.loadAll();
      ZoneSnapshot first = registry.get("bl.test").orElseThrow();
      assertThat(first.entries()).isEqualTo(1);
      assertThat(w.check()).isZero();

      Files.writeString(f, "192.0.2.1\n192.0.2.2\n");
      Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
      assertThat(w.check()).isEqualTo(1);
      assertThat(registry.get("bl.test").orElseThrow().entries()).isEqualTo(2);

      Files.delete(f);
      assertThat(w.check()).isZero();
      assertThat(registry.get("bl.test").orElseThrow().entries()).isEqualTo(2);
    }
  }
}
