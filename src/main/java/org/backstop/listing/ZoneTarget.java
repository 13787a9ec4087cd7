package org.backstop.listing;

/**
 * Where a publication goes: the in-process DNS server (as a snapshot swapped in atomically) or zone
 * files for mirrors (written to a temporary file and renamed).
 */
@FunctionalInterface
public interface ZoneTarget {
  /** Publishes the zone; throwing leaves the previous publication in place. */
  void publish(ZoneContent zone) throws Exception;
}
