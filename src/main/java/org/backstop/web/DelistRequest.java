package org.backstop.web;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.backstop.net.IpAddress;

/**
 * A request to remove an address from the list, as its requester and the administrators see it.
 *
 * @param token the unguessable identifier that is also the status link
 * @param ip the address
 * @param explanation what the requester says they fixed
 * @param contact the requester's email address
 * @param created when the request arrived
 * @param status approved, queued or rejected
 * @param reason why: the policy's or the administrator's reason, or null while queued
 * @param decided when it was decided, or null while queued
 * @param decidedBy "policy" or the administrator, or null while queued
 */
public record DelistRequest(
    String token,
    IpAddress ip,
    String explanation,
    String contact,
    Instant created,
    Status status,
    String reason,
    Instant decided,
    String decidedBy) {

  /** Where a request stands. */
  public enum Status {
    APPROVED,
    QUEUED,
    REJECTED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DelistRequest {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(status, "status");
  }

  /** This request decided now by someone, with a reason. */
  public DelistRequest decide(Status to, String why, Instant when, String by) {
    return new DelistRequest(token, ip, explanation, contact, created, to, why, when, by);
  }
}
