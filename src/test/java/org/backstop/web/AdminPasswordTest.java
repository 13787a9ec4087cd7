package org.backstop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPasswordTest {
  @TempDir Path dir;

  @Test
  void storedHashVerifiesTheRightPasswordOnly() throws Exception {
    AdminPassword.write(dir, AdminPassword.hash("correct horse".toCharArray(), 4));
    String hash = AdminPassword.read(dir);
    assertThat(hash).startsWith("$2a$04$").doesNotContain("correct horse");
    assertThat(AdminPassword.verify("correct horse".toCharArray(), hash)).isTrue();
    assertThat(AdminPassword.verify("wrong horse".toCharArray(), hash)).isFalse();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(AdminPassword.FILE))))
        .isEqualTo("rw-------");
  }

  @Test
  void malformedHashOrMissingFileNeverVerifies() {
    assertThat(AdminPassword.read(dir)).isNull();
    assertThat(AdminPassword.verify("x".toCharArray(), null)).isFalse();
    assertThat(AdminPassword.verify("x".toCharArray(), "not a hash")).isFalse();
  }

  @Test
  void refusesEmptyAndOverlongPasswords() {
    assertThatThrownBy(() -> AdminPassword.hash(new char[0], 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AdminPassword.hash("x".repeat(73).toCharArray(), 4))
        .hasMessageContaining("72 bytes");
  }
}
