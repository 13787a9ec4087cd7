package org.backstop.check;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a blocklist lists: IPv4 addresses, IPv6 addresses or domain names (RFC 5782 section 2-3).
 */
public enum TargetKind {
  @JsonProperty("ipv4")
  IPV4,
  @JsonProperty("ipv6")
  IPV6,
  @JsonProperty("domain")
  DOMAIN
}
