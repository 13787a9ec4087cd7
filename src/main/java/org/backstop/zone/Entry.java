package org.backstop.zone;

import org.backstop.net.Cidr;

/**
 * One exported entry of a dataset: either an address network or a domain name.
 *
 * @param cidr the network, or null for a domain entry
 * @param domain the domain name (lower case, no final dot), or null for a network entry
 * @param wildcard for domains: the entry lists the subdomains ({@code *.name})
 * @param excluded an exclusion ({@code !entry}); its value is null
 * @param value the entry's value, or null for exclusions
 */
public record Entry(Cidr cidr, String domain, boolean wildcard, boolean excluded, Value value) {}
