package org.backstop.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The administrator's password, kept only as a bcrypt hash (cost 12) in a file of the data
 * directory, {@code admin-password.bcrypt}, written by {@code backstop admin set-password}.
 *
 * <p>bcrypt reads at most 72 bytes of a password; longer ones are refused instead of silently cut.
 */
public final class AdminPassword {
  /** The file name inside the data directory. */
  public static final String FILE = "admin-password.bcrypt";

  /** bcrypt's work factor: about a quarter second per guess on a small server. */
  public static final int COST = 12;

  private AdminPassword() {}

  /** The bcrypt hash of a password; refuses an empty one or one over 72 bytes. */
  public static String hash(char[] password, int cost) {
    check(password);
    return BCrypt.withDefaults().hashToString(cost, password);
  }

  /** Whether the password matches the hash; false for any malformed input. */
  public static boolean verify(char[] password, String hash) {
    if (hash == null || password == null || password.length == 0 || utf8Length(password) > 72) {
      return false;
    }
    try {
      return BCrypt.verifyer().verify(password, hash.trim().toCharArray()).verified;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Writes the hash atomically, readable by the owner only. */
  public static void write(Path dataDir, String hash) throws IOException {
    Files.createDirectories(dataDir);
    Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default permissions
      }
      Files.writeString(tmp, hash + "\n", StandardCharsets.US_ASCII);
      Files.move(
          tmp,
          dataDir.resolve(FILE),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The stored hash, or null when none was set. */
  public static String read(Path dataDir) {
    Path f = dataDir.resolve(FILE);
    try {
      return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.US_ASCII).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  static void check(char[] password) {
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("the password is empty");
    }
    if (utf8Length(password) > 72) {
      throw new IllegalArgumentException("bcrypt uses at most 72 bytes of a password");
    }
  }

  private static int utf8Length(char[] p) {
    return StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(p)).remaining();
  }
}
