package org.backstop.zone;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backstop.net.Cidr;
import org.backstop.net.IpAddress;

/**
 * Writes a snapshot as an rbldnsd data file that rbldnsd (and Backstop) load back to the same
 * answers. A zone of one dataset at its apex is written in that dataset's own format; otherwise as
 * a {@code combined} dataset with one {@code $DATASET} section per dataset. The most common value
 * becomes the default line so that most entries are a bare address.
 */
public final class RbldnsdWriter {
  private RbldnsdWriter() {}

  /**
   * Writes the zone; the caller closes the writer.
   *
   * @return the dataset type to name on rbldnsd's command line for this file
   */
  public static DatasetType write(ZoneSnapshot s, Writer w) throws IOException {
    Soa soa = s.soa();
    w.write("# zone " + s.origin() + " written by Backstop, " + s.entries() + " entries\n");
    w.write(
        "$SOA "
            + soa.ttl()
            + " "
            + soa.mname()
            + " "
            + soa.rname()
            + " "
            + soa.serial()
            + " "
            + soa.refresh()
            + " "
            + soa.retry()
            + " "
            + soa.expire()
            + " "
            + soa.minimum()
            + "\n");
    if (!s.ns().isEmpty()) {
      w.write("$NS " + s.nsTtl() + " " + String.join(" ", s.ns()) + "\n");
    }
    Map<Dataset, List<String>> datasets = new IdentityHashMap<>();
    List<Dataset> order = new ArrayList<>();
    for (Binding b : s.bindings()) {
      datasets
          .computeIfAbsent(
              b.dataset(),
              d -> {
                order.add(d);
                return new ArrayList<>();
              })
          .add(b.subzone().isEmpty() ? "@" : b.subzone());
    }
    boolean single = order.size() == 1 && datasets.get(order.get(0)).equals(List.of("@"));
    if (single) {
      body(order.get(0), w);
      return order.get(0).type();
    }
    for (Dataset d : order) {
      w.write(
          "$DATASET " + d.type().rbldnsdName() + " " + String.join(" ", datasets.get(d)) + "\n");
      body(d, w);
    }
    return DatasetType.COMBINED;
  }

  private static void body(Dataset d, Writer w) throws IOException {
    w.write("$TTL " + d.ttl() + "\n");
    Map<Value, Integer> counts = new HashMap<>();
    d.forEach(
        e -> {
          if (!e.excluded()) {
            counts.merge(e.value(), 1, Integer::sum);
          }
        });
    Value common = d.defaultValue();
    int best = -1;
    for (Map.Entry<Value, Integer> c : new LinkedHashMap<>(counts).entrySet()) {
      if (c.getValue() > best) {
        best = c.getValue();
        common = c.getKey();
      }
    }
    w.write(valueText(common) + "\n");
    Value dflt = common;
    StringBuilder line = new StringBuilder(128);
    IOException[] failure = {null};
    d.forEach(
        e -> {
          if (failure[0] != null) {
            return;
          }
          line.setLength(0);
          if (e.excluded()) {
            line.append('!');
          }
          line.append(entryText(d.type(), e));
          if (!e.excluded()
              && !e.value().equals(dflt)
              && d.type() != DatasetType.IP4TSET
              && d.type() != DatasetType.IP6TSET) {
            line.append(' ').append(valueText(e.value()));
          }
          line.append('\n');
          try {
            w.append(line);
          } catch (IOException x) {
            failure[0] = x;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  private static String entryText(DatasetType type, Entry e) {
    if (e.domain() != null) {
      return (e.wildcard() ? "*." : "") + e.domain();
    }
    Cidr c = e.cidr();
    IpAddress a = c.network();
    if (type == DatasetType.IP6TSET && c.prefix() == 64) {
      long h = a.hi();
      return Long.toHexString(h >>> 48)
          + ":"
          + Long.toHexString((h >>> 32) & 0xFFFF)
          + ":"
          + Long.toHexString((h >>> 16) & 0xFFFF)
          + ":"
          + Long.toHexString(h & 0xFFFF);
    }
    return c.prefix() == a.bits() ? a.toString() : c.toString();
  }

  /** {@code :A:TXT}, or {@code :A:} for a value without TXT. */
  static String valueText(Value v) {
    return ":" + v.aText() + ":" + (v.txt() == null ? "" : v.txt());
  }
}
