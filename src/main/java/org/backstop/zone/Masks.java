package org.backstop.zone;

/** Network masks for the high and low halves of a 128-bit address. */
final class Masks {
  private Masks() {}

  static long hi(int prefix) {
    return prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
  }

  static long lo(int prefix) {
    return prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
  }
}
