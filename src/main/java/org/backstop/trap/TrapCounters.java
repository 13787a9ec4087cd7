package org.backstop.trap;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of what the trap saw, read as a {@link TrapServer.Stats} snapshot. */
final class TrapCounters {
  final AtomicLong messages = new AtomicLong();
  final AtomicLong callouts = new AtomicLong();
  final AtomicLong refusedRecipients = new AtomicLong();
  final AtomicLong oversize = new AtomicLong();
}
