package org.backstop.listing;

/** Bounds on stored text, because evidence comes from strangers. */
final class Text {
  static final int EXCERPT_LIMIT = 4096;

  private Text() {}

  static String clip(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max);
  }
}
