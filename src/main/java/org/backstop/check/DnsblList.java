package org.backstop.check;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backstop.net.IpAddress;

/**
 * One DNS blocklist: its zone, what it lists, what its answers mean (RFC 5782 section 2.3) and
 * where to ask for removal.
 *
 * @param codes answer address (or range {@code a-b} within one /24) to meaning
 * @param bitmask the last octet is a sum of the bits named in {@code codes} (SURBL, URIBL)
 * @param refused answers that mean the list refused the query, not a listing
 * @param testListed the name that must be listed, or null for RFC 5782 section 5's default
 * @param testUnlisted the name that must not be listed, or null for the default
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DnsblList(
    String zone,
    String name,
    Set<TargetKind> targets,
    Map<String, String> codes,
    boolean bitmask,
    Map<String, String> refused,
    String removal,
    boolean publicResolversRefused,
    String testListed,
    String testUnlisted,
    String notes) {

  public DnsblList {
    if (zone == null || !Target.isDomain(zone.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("bad DNSBL zone: " + zone);
    }
    zone = zone.toLowerCase(Locale.ROOT);
    name = name == null || name.isBlank() ? zone : name;
    targets = targets == null || targets.isEmpty() ? Set.of(TargetKind.IPV4) : Set.copyOf(targets);
    codes = codes == null ? Map.of() : new LinkedHashMap<>(codes);
    refused = refused == null ? Map.of() : new LinkedHashMap<>(refused);
  }

  /** A list known only by its zone (given with {@code --dnsbl}): any 127/8 answer is a listing. */
  public static DnsblList custom(String zone) {
    return new DnsblList(
        zone,
        zone,
        Set.of(TargetKind.IPV4, TargetKind.IPV6, TargetKind.DOMAIN),
        Map.of(),
        false,
        Map.of(),
        null,
        false,
        null,
        null,
        "given on the command line");
  }

  /** True when this list can say something about the target. */
  public boolean applies(Target t) {
    return targets.contains(t.kind());
  }

  /** The refusal meaning of an answer, or null when the answer is not a refusal code. */
  public String refusal(IpAddress answer) {
    return refused.get(answer.toString());
  }

  /** The meaning of a listing answer; never null. */
  public String meaning(IpAddress answer) {
    String exact = codes.get(answer.toString());
    if (exact != null) {
      return exact;
    }
    int value = answer.isV4() ? answer.v4() : 0;
    for (Map.Entry<String, String> e : codes.entrySet()) {
      int dash = e.getKey().indexOf('-');
      if (dash > 0 && answer.isV4()) {
        IpAddress lo = IpAddress.tryParse(e.getKey().substring(0, dash));
        IpAddress hi = IpAddress.tryParse(e.getKey().substring(dash + 1));
        if (lo != null && hi != null && lo.compareTo(answer) <= 0 && answer.compareTo(hi) <= 0) {
          return e.getValue();
        }
      }
    }
    if (bitmask && answer.isV4()) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, String> e : codes.entrySet()) {
        IpAddress bit = IpAddress.tryParse(e.getKey());
        if (bit != null && bit.isV4() && (value & 0xFF & bit.v4()) != 0) {
          parts.add(e.getValue());
        }
      }
      if (!parts.isEmpty()) {
        return String.join("; ", parts);
      }
    }
    return codes.isEmpty() ? "listed" : "listed (code " + answer + " is not documented)";
  }

  /**
   * The test point that RFC 5782 section 5 (or the list's own documentation) says must be listed,
   * for targets of the given kind: 127.0.0.2, ::FFFF:7F00:2 or TEST.
   */
  public String positiveTestName(TargetKind kind) {
    return testListed != null && kindOf(testListed) == kind
        ? testListed
        : defaultTestPoint(kind, true);
  }

  /** The test point that must never be listed: 127.0.0.1, ::FFFF:7F00:1 or INVALID. */
  public String negativeTestName(TargetKind kind) {
    return testUnlisted != null && kindOf(testUnlisted) == kind
        ? testUnlisted
        : defaultTestPoint(kind, false);
  }

  private static TargetKind kindOf(String point) {
    IpAddress a = IpAddress.tryParse(point);
    return a == null ? TargetKind.DOMAIN : a.isV4() ? TargetKind.IPV4 : TargetKind.IPV6;
  }

  private static String defaultTestPoint(TargetKind kind, boolean positive) {
    return switch (kind) {
      case IPV4 -> positive ? "127.0.0.2" : "127.0.0.1";
      case IPV6 -> positive ? "::ffff:7f00:2" : "::ffff:7f00:1";
      case DOMAIN -> positive ? "test" : "invalid";
    };
  }
}
