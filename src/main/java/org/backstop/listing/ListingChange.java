package org.backstop.listing;

import org.backstop.net.IpAddress;

/**
 * One change to what is published.
 *
 * @param version the change counter it was committed under
 * @param ip the address
 * @param listed true when it became listed, false when it stopped being listed
 */
public record ListingChange(long version, IpAddress ip, boolean listed) {}
