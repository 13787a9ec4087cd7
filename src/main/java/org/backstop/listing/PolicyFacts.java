package org.backstop.listing;

/**
 * What the policy needs to know about an address and a reporter besides the evidence itself.
 *
 * @param specialPurpose the IANA special-purpose block the address is in, or null
 * @param allowlisted the allowlist entry's reason when the address is allowlisted, or null
 * @param reporterTrusted true for the trap and the operator, whose word alone lists
 * @param independentReporters distinct untrusted reporters with listable evidence for the address
 *     within the expiry window, counting this one
 * @param listed true when the address is listed now
 */
public record PolicyFacts(
    String specialPurpose,
    String allowlisted,
    boolean reporterTrusted,
    int independentReporters,
    boolean listed) {}
