package org.backstop.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.backstop.zone.ZoneSnapshot;

/**
 * The zones a server answers for. Publishing replaces one zone's snapshot atomically: readers take
 * one volatile read of an immutable array and never wait for a writer.
 */
public final class ZoneRegistry {
  private volatile ServedZone[] zones = new ServedZone[0]; // longest origin first

  /** Serves {@code snapshot} for its origin, replacing the previous snapshot of that zone. */
  public synchronized void publish(ZoneSnapshot snapshot) {
    ServedZone z = new ServedZone(snapshot);
    List<ServedZone> next = new ArrayList<>();
    for (ServedZone old : zones) {
      if (!old.origin.equals(z.origin)) {
        next.add(old);
      }
    }
    next.add(z);
    next.sort(Comparator.comparingInt((ServedZone s) -> s.origin.length()).reversed());
    zones = next.toArray(new ServedZone[0]);
  }

  /** Stops serving a zone. */
  public synchronized void remove(String origin) {
    String o = ZoneSnapshot.normalise(origin);
    zones =
        java.util.Arrays.stream(zones).filter(z -> !z.origin.equals(o)).toArray(ServedZone[]::new);
  }

  /** The snapshot served for an origin. */
  public Optional<ZoneSnapshot> get(String origin) {
    String o = ZoneSnapshot.normalise(origin);
    for (ServedZone z : zones) {
      if (z.origin.equals(o)) {
        return Optional.of(z.snapshot);
      }
    }
    return Optional.empty();
  }

  /** Every served snapshot. */
  public List<ZoneSnapshot> all() {
    List<ZoneSnapshot> l = new ArrayList<>();
    for (ServedZone z : zones) {
      l.add(z.snapshot);
    }
    return l;
  }

  /** {@link #find(String)} for the name in {@code name[0, n)}, without making a string of it. */
  ServedZone find(char[] name, int n) {
    ServedZone[] zs = zones;
    for (ServedZone z : zs) {
      String origin = z.origin;
      int o = origin.length();
      if (o == 0) {
        return z;
      }
      if (n == o || (n > o && name[n - o - 1] == '.')) {
        boolean same = true;
        for (int i = 0; i < o && same; i++) {
          same = name[n - o + i] == origin.charAt(i);
        }
        if (same) {
          return z;
        }
      }
    }
    return null;
  }

  /** The zone that contains a lower-case name without final dot, or null. */
  ServedZone find(String name) {
    ServedZone[] zs = zones;
    int n = name.length();
    for (ServedZone z : zs) {
      int o = z.origin.length();
      if (o == 0) {
        return z;
      }
      if (n == o
          ? name.equals(z.origin)
          : n > o && name.charAt(n - o - 1) == '.' && name.endsWith(z.origin)) {
        return z;
      }
    }
    return null;
  }
}
