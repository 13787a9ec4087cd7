package org.backstop.mail;

/**
 * The time one message may take. Rules are linear in a bounded input (what each recipient reads of
 * the whole report is bounded too), so this is a second guard: once spent, the analyzer stops
 * running rules and returns what it has.
 */
final class Budget {
  private final long deadline;
  private boolean spent;

  Budget(long nanos) {
    this.deadline = System.nanoTime() + nanos;
  }

  /** True once the time is up; stays true. */
  boolean spent() {
    if (!spent && System.nanoTime() - deadline > 0) {
      spent = true;
    }
    return spent;
  }
}
