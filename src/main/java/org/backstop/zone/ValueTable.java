package org.backstop.zone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns the distinct values of one dataset so each entry stores a small index. Index 0 is
 * reserved for exclusions.
 */
final class ValueTable {
  static final int EXCLUDED = 0;
  private final Map<Value, Integer> index = new HashMap<>();
  private final List<Value> values = new ArrayList<>();

  ValueTable() {
    values.add(null);
  }

  int intern(Value v) {
    if (v == null) {
      return EXCLUDED;
    }
    Integer i = index.get(v);
    if (i == null) {
      i = values.size();
      values.add(v);
      index.put(v, i);
    }
    return i;
  }

  Value[] toArray() {
    return values.toArray(new Value[0]);
  }
}
