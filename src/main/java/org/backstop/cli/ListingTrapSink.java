package org.backstop.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backstop.listing.Decision;
import org.backstop.listing.Evidence;
import org.backstop.listing.ListingService;
import org.backstop.listing.MessageEvidence;
import org.backstop.trap.TrapDelivery;
import org.backstop.trap.TrapSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the trap's deliveries to the listing service: each spooled message is analysed and recorded
 * as evidence, each callout recorded as callout evidence. Idempotent because the evidence id is the
 * delivery id, which the trap keeps across restarts.
 *
 * <p>It lives in {@code cli} because {@code listing} may not depend on {@code trap}.
 */
final class ListingTrapSink implements TrapSink {
  private static final Logger log = LoggerFactory.getLogger(ListingTrapSink.class);

  private final ListingService listings;
  private final MessageEvidence evidence;

  ListingTrapSink(ListingService listings, MessageEvidence evidence) {
    this.listings = listings;
    this.evidence = evidence;
  }

  @Override
  public void accept(TrapDelivery d) throws IOException {
    Evidence e = evidence(d);
    logDecision(e, listings.record(e));
  }

  /**
   * Records a batch in one transaction: one commit per batch rather than per message is what lets
   * the listing keep up with the trap in a flood (bench/trap.sh). The analyzer runs before the
   * transaction, so the database's write lock is held only for the SQL. If the batch fails as a
   * whole (a delivery without its message, a constraint one message trips), each delivery is tried
   * on its own, so one bad message cannot hold back the others; the first failure is rethrown and
   * the Courier keeps the batch in the spool, where idempotence on the delivery id makes the retry
   * store nothing twice.
   */
  @Override
  public void acceptAll(List<TrapDelivery> batch) throws IOException {
    List<Evidence> all = new ArrayList<>(batch.size());
    List<Decision> decisions;
    try {
      for (TrapDelivery d : batch) {
        all.add(evidence(d));
      }
      decisions = listings.recordAll(all);
    } catch (IOException | RuntimeException batchFailure) {
      log.warn(
          "storing {} trap deliveries at once failed, one by one now: {}",
          batch.size(),
          batchFailure.toString());
      acceptOneByOne(batch);
      return;
    }
    for (int i = 0; i < all.size(); i++) {
      logDecision(all.get(i), decisions.get(i));
    }
  }

  private void acceptOneByOne(List<TrapDelivery> batch) throws IOException {
    IOException firstIo = null;
    RuntimeException first = null;
    for (TrapDelivery d : batch) {
      try {
        accept(d);
      } catch (IOException e) {
        firstIo = firstIo == null ? e : firstIo;
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (firstIo != null) {
      throw firstIo;
    }
    if (first != null) {
      throw first;
    }
  }

  private Evidence evidence(TrapDelivery d) throws IOException {
    String id = "trap:" + d.id();
    if (d.callout()) {
      return evidence.callout(
          id, d.receivedAt(), d.client(), d.helo(), d.mailFrom(), d.recipients());
    }
    if (d.message() == null) {
      throw new IOException("trap delivery " + d.id() + " has no message");
    }
    return evidence.trapMessage(
        id, d.receivedAt(), d.client(), d.helo(), d.mailFrom(), d.recipients(), read(d));
  }

  private static void logDecision(Evidence e, Decision decision) {
    log.debug(
        "{} from {}: {} ({})",
        e.kind().label(),
        e.ip(),
        decision.outcome().label(),
        decision.reason());
  }

  private static byte[] read(TrapDelivery d) {
    // The trap already bounds messages; the analyzer reads no further than its own bound.
    byte[] m = d.message();
    return m.length <= MessageEvidence.MAX_MESSAGE_BYTES
        ? m
        : Arrays.copyOf(m, MessageEvidence.MAX_MESSAGE_BYTES);
  }
}
