package org.backstop.zone;

/**
 * A zone's start of authority (RFC 1035 section 3.3.13). Names are absolute, without the final dot,
 * in lower case.
 */
public record Soa(
    int ttl,
    String mname,
    String rname,
    long serial,
    int refresh,
    int retry,
    int expire,
    int minimum) {

  /** This SOA with another serial (RFC 1982 arithmetic is the caller's concern). */
  public Soa withSerial(long newSerial) {
    return new Soa(ttl, mname, rname, newSerial & 0xFFFF_FFFFL, refresh, retry, expire, minimum);
  }

  /** The TTL of a negative answer (RFC 2308 section 5): the lesser of the SOA TTL and minimum. */
  public int negativeTtl() {
    return Math.min(ttl, minimum);
  }
}
