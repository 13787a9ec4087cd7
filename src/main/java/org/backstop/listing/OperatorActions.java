package org.backstop.listing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.backstop.net.IpAddress;

/**
 * Administrator actions the web site needs beyond {@link ListingService}: listing an address by
 * hand (as evidence from the built-in {@code operator} reporter, so the policy, history and
 * publisher treat it like any listing) and writing site events such as logins to the audit log.
 */
public final class OperatorActions {
  private final Database db;
  private final ListingService service;
  private final AuditLog audit = new AuditLog();

  public OperatorActions(Database db, ListingService service) {
    this.db = db;
    this.service = service;
  }

  /**
   * Lists an address by an administrator's decision, audited.
   *
   * @return the policy's decision: special-purpose and allowlisted addresses are refused
   */
  public Decision listByHand(IpAddress ip, String reason, String actor) {
    Instant now = service.clock().instant();
    Decision d =
        service.record(
            new Evidence(
                "manual-" + UUID.randomUUID(),
                ip,
                EvidenceKind.BOUNCE,
                "operator",
                now,
                null,
                null,
                List.of(),
                null,
                "listed by hand by " + actor + ": " + reason,
                null));
    append(new AuditEntry(now, actor, "listing.add", ip.toString(), reason));
    return d;
  }

  /** Appends one entry to the audit log. */
  public void append(AuditEntry entry) {
    db.write(
        c -> {
          audit.append(c, entry);
          return null;
        });
  }
}
