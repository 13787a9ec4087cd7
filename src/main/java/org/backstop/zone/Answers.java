package org.backstop.zone;

/**
 * Collects the values that the datasets of one zone give for one query name. Reused by one thread
 * for many queries, so the fast path allocates nothing per match.
 */
public final class Answers {
  private Value[] values = new Value[8];
  private String[] subjects = new String[8];
  private int[] ttls = new int[8];
  private int count;

  /** Forgets the previous query's answers. */
  public void clear() {
    count = 0;
  }

  /**
   * Adds one value.
   *
   * @param subject what {@code $} expands to in the TXT template; null means the queried address
   */
  public void add(Value v, String subject, int ttl) {
    if (count == values.length) {
      values = java.util.Arrays.copyOf(values, count * 2);
      subjects = java.util.Arrays.copyOf(subjects, count * 2);
      ttls = java.util.Arrays.copyOf(ttls, count * 2);
    }
    values[count] = v;
    subjects[count] = subject;
    ttls[count] = ttl;
    count++;
  }

  /** Drops the answers added after {@code mark} (a test point that must never be listed). */
  public void rewind(int mark) {
    count = Math.min(count, mark);
  }

  public int count() {
    return count;
  }

  public Value value(int i) {
    return values[i];
  }

  /** The text that replaces {@code $}, or null for "the queried address". */
  public String subject(int i) {
    return subjects[i];
  }

  public int ttl(int i) {
    return ttls[i];
  }
}
