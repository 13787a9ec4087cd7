package org.backstop.trap;

import java.util.List;

/**
 * Where the trap hands each transaction once it is durable. Implementations must be idempotent on
 * {@link TrapDelivery#id()}: after a crash the trap replays its spool and may hand over a delivery
 * a second time.
 */
@FunctionalInterface
public interface TrapSink {
  /**
   * Records one delivery. When this returns, the trap may delete the spooled file; when it throws,
   * the file stays in the spool and is handed over again later.
   */
  void accept(TrapDelivery delivery) throws Exception;

  /**
   * Records several deliveries at once, so a sink can store them in one transaction (one commit
   * instead of one per message). The default calls {@link #accept} for each. When this throws,
   * every delivery of the batch stays in the spool and is handed over again later (those already
   * stored come again: idempotence covers them).
   */
  default void acceptAll(List<TrapDelivery> batch) throws Exception {
    for (TrapDelivery d : batch) {
      accept(d);
    }
  }
}
