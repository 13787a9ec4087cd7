package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWalkTest {
  @TempDir Path dir;

  private List<String> walk(Path root) throws IOException {
    DirectoryWalk w = DirectoryWalk.of(root);
    List<String> out = new ArrayList<>();
    for (DirectoryWalk.Entry e = w.next(); e != null; e = w.next()) {
      assertThat(e.error()).isNull();
      out.add(root.relativize(e.path()).toString());
    }
    return out;
  }

  @Test
  void filesInNameOrderWithEachSubdirectoryWhereItsNameSorts() throws IOException {
    for (String f : List.of("b", "a", "c/2", "c/1", "c/d/x", "c-e", "e", "cur/9")) {
      Path p = dir.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f);
    }
    Files.createDirectories(dir.resolve("empty"));
    assertThat(walk(dir)).containsExactly("a", "b", "c/1", "c/2", "c/d/x", "c-e", "cur/9", "e");
  }

  @Test
  void symbolicLinksAreNotFollowed() throws IOException {
    Path real = Files.createDirectory(dir.resolve("real"));
    Files.writeString(real.resolve("m"), "x");
    Files.createSymbolicLink(real.resolve("link-to-file"), real.resolve("m"));
    Files.createSymbolicLink(real.resolve("loop"), real);
    assertThat(walk(real)).containsExactly("m");
  }

  @Test
  void aRootThatCannotBeListedIsAnErrorThatSaysSo() {
    assertThatThrownBy(() -> DirectoryWalk.of(dir.resolve("missing")))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot list the directory: no such directory");
  }

  @Test
  void aFileGoneSinceTheListingIsSkipped() throws IOException {
    Files.writeString(dir.resolve("a"), "x");
    Files.writeString(dir.resolve("b"), "x");
    DirectoryWalk w = DirectoryWalk.of(dir);
    Files.delete(dir.resolve("a"));
    assertThat(w.next().path()).isEqualTo(dir.resolve("b"));
    assertThat(w.next()).isNull();
  }
}
