package org.backstop.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The secrets that sign and check BATV tags, indexed by key digit (0 to 9). The highest digit that
 * has a key signs; older digits still validate, so keys rotate by appending a line.
 */
public final class BatvKeys {
  /** Exim refuses secrets longer than one SHA-1 block rather than hashing them first. */
  public static final int MAX_KEY_BYTES = 64;

  private final byte[][] keys;

  private BatvKeys(byte[][] keys) {
    this.keys = keys;
  }

  /**
   * Keys from text lines: line N (0 first) is key digit N, an empty line leaves that digit unused
   * (a retired key), and the last non-empty line signs.
   */
  public static BatvKeys of(List<String> lines) {
    if (lines.size() > 10) {
      throw new IllegalArgumentException("at most 10 BATV keys (digits 0-9), got " + lines.size());
    }
    byte[][] k = new byte[lines.size()][];
    boolean any = false;
    for (int i = 0; i < k.length; i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      if (b.length > MAX_KEY_BYTES) {
        throw new IllegalArgumentException(
            "BATV key " + i + " is longer than " + MAX_KEY_BYTES + " bytes (Exim rejects it)");
      }
      k[i] = b;
      any = true;
    }
    if (!any) {
      throw new IllegalArgumentException("no BATV key given");
    }
    return new BatvKeys(k);
  }

  /** Reads a key file: one secret a line, see {@link #of(List)}. */
  public static BatvKeys load(Path file) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    return of(lines);
  }

  /** The digit whose key signs new tags: the newest one. */
  public int signingDigit() {
    for (int i = keys.length - 1; i >= 0; i--) {
      if (keys[i] != null) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable: constructed with a key");
  }

  /** The secret for a key digit, or null when that digit has no key. */
  byte[] key(int digit) {
    return digit >= 0 && digit < keys.length && keys[digit] != null
        ? Arrays.copyOf(keys[digit], keys[digit].length)
        : null;
  }
}
