package org.backstop.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable tokens (status links, sessions, CSRF) and their constant-time comparison. */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** 32 random bytes (256 bits) as URL-safe Base64 without padding: 43 characters. */
  public static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Whether the string has the shape of a {@link #random} token, before any lookup. */
  public static boolean wellFormed(String s) {
    return s != null && s.length() == 43 && s.chars().allMatch(Tokens::urlSafe);
  }

  /**
   * Whether the string could be a stored identifier (a UUID or a random token): short and of
   * URL-safe characters, checked before it reaches storage.
   */
  public static boolean plausibleId(String s) {
    return s != null && s.length() >= 16 && s.length() <= 64 && s.chars().allMatch(Tokens::urlSafe);
  }

  /** Compares without leaking through timing how much of the strings agree. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean urlSafe(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
