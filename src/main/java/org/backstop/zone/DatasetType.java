package org.backstop.zone;

import java.util.Locale;

/** rbldnsd's dataset types that Backstop reads (see rbldnsd(8), "DATASET TYPES AND FORMATS"). */
public enum DatasetType {
  IP4SET,
  IP4TSET,
  IP4TRIE,
  IP6TRIE,
  IP6TSET,
  DNSET,
  COMBINED;

  /** The type for its rbldnsd name, such as {@code ip4set}. */
  public static DatasetType parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown dataset type: " + name);
    }
  }

  /** The rbldnsd name, such as {@code ip4set}. */
  public String rbldnsdName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
