package org.backstop.zone;

import org.backstop.net.Cidr;

/**
 * What the datasets whose entries point into a {@link ValueTable} share: the TTL, the table, the
 * default value, and how a matched entry answers or is exported (index {@link ValueTable#EXCLUDED}
 * marks an exclusion).
 */
abstract class ValuedDataset implements Dataset {
  final int ttl;
  final Value[] table;
  final Value defaultValue;

  ValuedDataset(int ttl, Value[] table, Value defaultValue) {
    this.ttl = ttl;
    this.table = table;
    this.defaultValue = defaultValue;
  }

  @Override
  public final int ttl() {
    return ttl;
  }

  @Override
  public final Value defaultValue() {
    return defaultValue;
  }

  /** Adds value {@code vi} to the answer unless it marks an exclusion; true when listed. */
  final boolean answer(int vi, Answers out) {
    if (vi == ValueTable.EXCLUDED) {
      return false;
    }
    out.add(table[vi], null, ttl);
    return true;
  }

  /** The export entry for a network or a name with value {@code vi}. */
  final Entry entry(Cidr net, String name, boolean wildcard, int vi) {
    return new Entry(net, name, wildcard, vi == ValueTable.EXCLUDED, table[vi]);
  }
}
