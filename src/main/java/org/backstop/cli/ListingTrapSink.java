package org.backstop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
    String id = "trap:" + d.id();
    Evidence e;
    if (d.callout() || d.message() == null) {
      e = evidence.callout(id, d.receivedAt(), d.client(), d.helo(), d.mailFrom(), d.recipients());
    } else {
      e =
          evidence.trapMessage(
              id, d.receivedAt(), d.client(), d.helo(), d.mailFrom(), d.recipients(), read(d));
    }
    Decision decision = listings.record(e);
    log.debug(
        "{} from {}: {} ({})",
        e.kind().label(),
        d.client(),
        decision.outcome().label(),
        decision.reason());
  }

  private static byte[] read(TrapDelivery d) throws IOException {
    // The trap already bounds messages; bound again so a stray spool file cannot exhaust memory.
    try (InputStream in = Files.newInputStream(d.message())) {
      return in.readNBytes(MessageEvidence.MAX_MESSAGE_BYTES);
    }
  }
}
