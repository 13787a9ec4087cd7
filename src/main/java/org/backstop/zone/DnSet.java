package org.backstop.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * rbldnsd's {@code dnset}: domain names, plain ({@code example.com}) or wildcard ({@code
 * *.example.com} lists the subdomains only; {@code .example.com} lists both). An exact entry is
 * tried first, then wildcards from the longest parent to the shortest; the first hit decides, and
 * an exclusion there means "not listed". {@code $} in a TXT template expands to the listed name.
 */
public final class DnSet extends ValuedDataset {
  private final Map<String, int[]> exact;
  private final Map<String, int[]> wild;

  private DnSet(
      int ttl, Map<String, int[]> exact, Map<String, int[]> wild, Value[] table, Value dv) {
    super(ttl, table, dv);
    this.exact = exact;
    this.wild = wild;
  }

  @Override
  public DatasetType type() {
    return DatasetType.DNSET;
  }

  @Override
  public void query(String name, Answers out) {
    if (name.isEmpty()) {
      return;
    }
    int[] v = exact.get(name);
    if (v != null) {
      emit(v, name, out);
      return;
    }
    if (wild.isEmpty()) {
      return;
    }
    for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
      String parent = name.substring(dot + 1);
      v = wild.get(parent);
      if (v != null) {
        emit(v, parent, out);
        return;
      }
    }
  }

  private void emit(int[] v, String subject, Answers out) {
    if (v[0] == ValueTable.EXCLUDED) {
      return;
    }
    for (int vi : v) {
      out.add(table[vi], subject, ttl);
    }
  }

  @Override
  public long size() {
    return exact.size() + wild.size();
  }

  @Override
  public void forEach(Consumer<Entry> visitor) {
    visit(exact, false, visitor);
    visit(wild, true, visitor);
  }

  private void visit(Map<String, int[]> m, boolean w, Consumer<Entry> visitor) {
    List<String> names = new ArrayList<>(m.keySet());
    names.sort(null);
    for (String n : names) {
      for (int vi : m.get(n)) {
        visitor.accept(entry(null, n, w, vi));
      }
    }
  }

  @Override
  public long memoryBytes() {
    long n = 0;
    for (String k : exact.keySet()) {
      n += 80 + k.length();
    }
    for (String k : wild.keySet()) {
      n += 80 + k.length();
    }
    return n;
  }

  /** Collects names; several values for one name are all answered, an exclusion wins. */
  static final class Builder {
    private final ValueTable values = new ValueTable();
    private final Map<String, int[]> exact = new HashMap<>();
    private final Map<String, int[]> wild = new HashMap<>();
    private int ttl;
    private Value defaultValue = Value.DEFAULT;

    Builder(int ttl) {
      this.ttl = ttl;
    }

    void ttl(int seconds) {
      ttl = seconds;
    }

    void defaultValue(Value v) {
      defaultValue = v;
    }

    long size() {
      return exact.size() + wild.size();
    }

    /** Adds a lower-case name without final dot; value null excludes it. */
    void add(String name, boolean wildcard, Value v) {
      Map<String, int[]> m = wildcard ? wild : exact;
      int vi = values.intern(v);
      int[] old = m.get(name);
      if (old == null) {
        m.put(name, new int[] {vi});
      } else if (old[0] != ValueTable.EXCLUDED) {
        int[] grown;
        if (vi == ValueTable.EXCLUDED) {
          grown = new int[] {vi};
        } else {
          for (int o : old) {
            if (o == vi) {
              return;
            }
          }
          grown = java.util.Arrays.copyOf(old, old.length + 1);
          grown[old.length] = vi;
        }
        m.put(name, grown);
      }
    }

    DnSet build() {
      return new DnSet(ttl, exact, wild, values.toArray(), defaultValue);
    }
  }
}
