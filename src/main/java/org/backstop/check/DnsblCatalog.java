package org.backstop.check;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocklists Backstop knows, shipped as {@code dnsbl-catalog.json} beside this class, plus any
 * zones the user adds.
 */
public record DnsblCatalog(List<DnsblList> lists) {

  private static final String RESOURCE = "dnsbl-catalog.json";

  public DnsblCatalog {
    lists = List.copyOf(lists);
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  private record File(List<DnsblList> lists) {}

  /** The catalog shipped with Backstop. */
  public static DnsblCatalog builtIn() {
    try (InputStream in = DnsblCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new DnsblCatalog(new ObjectMapper().readValue(in, File.class).lists());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the DNSBL catalog", e);
    }
  }

  /** An empty catalog, for {@code --only}. */
  public static DnsblCatalog empty() {
    return new DnsblCatalog(List.of());
  }

  /**
   * This catalog plus the given zones; a zone already known keeps its catalog entry, so its
   * meanings and refusal codes still apply.
   */
  public DnsblCatalog plus(List<String> zones) {
    Map<String, DnsblList> byZone = new LinkedHashMap<>();
    lists.forEach(l -> byZone.put(l.zone(), l));
    DnsblCatalog known = builtIn();
    for (String z : zones) {
      DnsblList l = DnsblList.custom(z);
      DnsblList fromCatalog =
          known.lists().stream().filter(k -> k.zone().equals(l.zone())).findFirst().orElse(l);
      byZone.putIfAbsent(l.zone(), fromCatalog);
    }
    return new DnsblCatalog(new ArrayList<>(byZone.values()));
  }
}
