package org.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.backstop.web.AdminPassword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandTest {
  @TempDir Path dir;

  private int run(String stdin, String... args) {
    InputStream old = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return Main.run(args);
    } finally {
      System.setIn(old);
    }
  }

  @Test
  void setPasswordStoresABcryptHashThatVerifies() {
    int rc =
        run("s3cret admin pass\n", "admin", "set-password", "--stdin", "--data", dir.toString());
    assertThat(rc).isZero();
    String hash = AdminPassword.read(dir);
    assertThat(hash).startsWith("$2a$12$");
    assertThat(AdminPassword.verify("s3cret admin pass".toCharArray(), hash)).isTrue();
    assertThat(AdminPassword.verify("s3cret admin pas".toCharArray(), hash)).isFalse();
  }

  @Test
  void emptyPasswordIsRefused() {
    assertThat(run("\n", "admin", "set-password", "--stdin", "--data", dir.toString()))
        .isEqualTo(2);
    assertThat(AdminPassword.read(dir)).isNull();
  }
}
