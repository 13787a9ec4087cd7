package org.backstop.listing;

import java.time.Instant;

/**
 * A stored piece of evidence as shown to people: no raw message, just what it was.
 *
 * @param id the evidence id
 * @param kind what it shows
 * @param receivedAt when it arrived
 * @param reporter who reported it
 * @param summary one readable line
 * @param outcome what the policy did
 * @param reason why
 */
public record EvidenceSample(
    String id,
    EvidenceKind kind,
    Instant receivedAt,
    String reporter,
    String summary,
    Outcome outcome,
    String reason) {}
