package org.backstop.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.backstop.listing.Database;
import org.backstop.listing.PolicyConfig;

/**
 * Everything {@code backstop serve} needs, validated once: embedded defaults, overridden by the
 * config file, overridden by flags.
 *
 * @param dataDir where the database, spool and zone files live
 * @param jdbcUrl the database; SQLite in {@code dataDir} by default
 * @param zone the DNSBL zone name
 * @param trapDomains the domains whose every address is a spam trap
 * @param dns where the DNS server listens (UDP and TCP)
 * @param smtp where the trap listens
 * @param http where the web server listens
 * @param publicUrl the web site's address as users reach it, for the TXT record's link
 * @param listedA the A record of a listing (RFC 5782 section 2.1: 127.0.0.2)
 * @param ttl the TTL of the zone's A and TXT answers
 * @param policy the listing policy
 * @param expiryInterval how often listings are checked for expiry
 * @param publishPoll how often the change counter is polled (changes by other processes)
 * @param checkResolver the DNS server of the web check page as ADDR[:PORT], or null for the
 *     system's (as {@code backstop check})
 * @param monitorDb the JDBC URL of {@code backstop monitor}'s history for the monitor page, or null
 */
public record ServeSettings(
    Path dataDir,
    String jdbcUrl,
    String zone,
    List<String> trapDomains,
    HostPort dns,
    HostPort smtp,
    HostPort http,
    String publicUrl,
    String listedA,
    int ttl,
    PolicyConfig policy,
    Duration expiryInterval,
    Duration publishPoll,
    String checkResolver,
    String monitorDb) {

  public ServeSettings {
    trapDomains = List.copyOf(trapDomains);
    if (trapDomains.isEmpty()) {
      throw new IllegalArgumentException("at least one trap domain is needed");
    }
    if (ttl < 0 || ttl > 604_800) {
      throw new IllegalArgumentException("ttl must be 0..604800 seconds: " + ttl);
    }
    if (zone.isBlank()) {
      throw new IllegalArgumentException("the zone name is empty");
    }
  }

  /** The embedded defaults: everything on loopback, SQLite under {@code data/}. */
  public static ServeSettings defaults() {
    Path data = Path.of("data");
    return new ServeSettings(
        data,
        Database.sqliteUrl(data),
        "bl.backstop.local",
        List.of("trap.backstop.local"),
        HostPort.parse("127.0.0.1:5353"),
        HostPort.parse("127.0.0.1:2525"),
        HostPort.parse("127.0.0.1:8080"),
        "http://127.0.0.1:8080",
        "127.0.0.2",
        900,
        PolicyConfig.defaults(),
        Duration.ofMinutes(1),
        Duration.ofSeconds(2),
        null,
        null);
  }

  /** The TXT record's template; {@code $} stands for the listed address, as in rbldnsd. */
  public String txtTemplate() {
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return "Listed for sending backscatter, see " + base + "/lookup?ip=$";
  }

  public Path spoolDir() {
    return dataDir.resolve("spool");
  }

  public Path zoneDir() {
    return dataDir.resolve("zone");
  }
}
