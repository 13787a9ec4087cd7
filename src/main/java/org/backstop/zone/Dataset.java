package org.backstop.zone;

import java.util.function.Consumer;

/**
 * One immutable set of listed entries, like rbldnsd's {@code struct dstype}: it answers queries and
 * lists its entries for export. Implementations are compact arrays built once by a builder.
 */
public interface Dataset {

  DatasetType type();

  /** The TTL of the records this dataset answers, in seconds. */
  int ttl();

  /**
   * Adds to {@code out} what this dataset lists for a name.
   *
   * @param name the query name relative to where the dataset is bound: lower case, no final dot,
   *     for example {@code 2.0.0.127}; empty for the binding's own name
   */
  void query(String name, Answers out);

  /** The number of entries, exclusions included. */
  long size();

  /** The value that entries without a value of their own use (for RFC 5782 test points). */
  Value defaultValue();

  /** Visits every entry in a stable order, for export. */
  void forEach(Consumer<Entry> visitor);

  /** Approximate bytes of heap the entries use. */
  long memoryBytes();
}
