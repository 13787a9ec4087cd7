package org.backstop.trap;

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
}
