package org.backstop.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.backstop.listing.Database;
import org.backstop.listing.EvidenceKind;
import org.backstop.listing.PolicyConfig;

/**
 * Collects settings in three layers, each overriding the one before: embedded defaults, the config
 * file (Java properties, keys named like the flags), and flags.
 */
final class SettingsBuilder {
  /** Every key the config file may contain; anything else is a mistake worth reporting. */
  static final Set<String> KEYS =
      Set.of(
          "data",
          "db",
          "zone",
          "trap-domains",
          "dns-listen",
          "smtp-listen",
          "http-listen",
          "public-url",
          "listed-a",
          "dns-ttl",
          "policy.expiry-days",
          "policy.required-reporters",
          "policy.listing-kinds",
          "policy.samples",
          "expiry.interval-seconds",
          "publish.poll-seconds",
          "resolver",
          "monitor-db");

  private final ServeSettings d = ServeSettings.defaults();
  Path data = d.dataDir();
  String db;
  String zone = d.zone();
  List<String> trapDomains = d.trapDomains();
  HostPort dns = d.dns();
  HostPort smtp = d.smtp();
  HostPort http = d.http();
  String publicUrl;
  String listedA = d.listedA();
  int ttl = d.ttl();
  long expiryDays = d.policy().expiry().toDays();
  int requiredReporters = d.policy().requiredReporters();
  Set<EvidenceKind> listingKinds = d.policy().listingKinds();
  int samples = d.policy().samples();
  Duration expiryInterval = d.expiryInterval();
  Duration publishPoll = d.publishPoll();
  String resolver;
  String monitorDb;

  /** Applies a config file. */
  SettingsBuilder file(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": unknown keys " + unknown + "; known: " + new TreeSet<>(KEYS));
    }
    for (String k : p.stringPropertyNames()) {
      String v = p.getProperty(k).trim();
      try {
        set(k, v);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + ": " + k + " = " + v + ": " + e.getMessage(), e);
      }
    }
    return this;
  }

  private void set(String k, String v) {
    switch (k) {
      case "data" -> data = Path.of(v);
      case "db" -> db = v;
      case "zone" -> zone = v;
      case "trap-domains" -> trapDomains = list(v);
      case "dns-listen" -> dns = HostPort.parse(v);
      case "smtp-listen" -> smtp = HostPort.parse(v);
      case "http-listen" -> http = HostPort.parse(v);
      case "public-url" -> publicUrl = v;
      case "listed-a" -> listedA = v;
      case "dns-ttl" -> ttl = Integer.parseInt(v);
      case "policy.expiry-days" -> expiryDays = Long.parseLong(v);
      case "policy.required-reporters" -> requiredReporters = Integer.parseInt(v);
      case "policy.listing-kinds" -> {
        Set<EvidenceKind> kinds = EnumSet.noneOf(EvidenceKind.class);
        list(v).forEach(x -> kinds.add(EvidenceKind.parse(x)));
        listingKinds = kinds;
      }
      case "policy.samples" -> samples = Integer.parseInt(v);
      case "expiry.interval-seconds" -> expiryInterval = Duration.ofSeconds(Long.parseLong(v));
      case "publish.poll-seconds" -> publishPoll = Duration.ofSeconds(Long.parseLong(v));
      case "resolver" -> resolver = v;
      case "monitor-db" -> monitorDb = v;
      default -> throw new IllegalArgumentException("unknown key " + k);
    }
  }

  private static List<String> list(String v) {
    List<String> out = new ArrayList<>();
    for (String s : v.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  ServeSettings build() {
    String url = db != null ? db : Database.sqliteUrl(data);
    String pub = publicUrl != null ? publicUrl : "http://" + http;
    if (org.backstop.net.IpAddress.tryParse(listedA) == null
        || !org.backstop.net.IpAddress.parse(listedA).isV4()) {
      throw new IllegalArgumentException("listed-a must be an IPv4 address: " + listedA);
    }
    if (expiryInterval.isZero()
        || expiryInterval.isNegative()
        || publishPoll.isZero()
        || publishPoll.isNegative()) {
      throw new IllegalArgumentException("intervals must be positive");
    }
    if (resolver != null) {
      org.backstop.check.Resolvers.parse(resolver); // fail at startup, not on the first check
    }
    return new ServeSettings(
        data,
        url,
        zone,
        trapDomains,
        dns,
        smtp,
        http,
        pub,
        listedA,
        ttl,
        new PolicyConfig(Duration.ofDays(expiryDays), requiredReporters, listingKinds, samples),
        expiryInterval,
        publishPoll,
        resolver,
        monitorDb);
  }
}
