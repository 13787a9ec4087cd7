package org.backstop.check;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The result of checking one target against many blocklists. */
public record CheckReport(
    String target, TargetKind kind, Instant checkedAt, long millis, List<ListResult> results) {

  public CheckReport {
    results = List.copyOf(results);
  }

  /** The lists that list the target. */
  @JsonIgnore
  public List<ListResult> listed() {
    return results.stream().filter(r -> r.status() == ListStatus.LISTED).toList();
  }

  /** True when at least one list lists the target. */
  @JsonIgnore
  public boolean anyListed() {
    return !listed().isEmpty();
  }

  /** How many lists gave each status, for a one-line summary. */
  @JsonProperty("summary")
  public Map<String, Long> summary() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (ListStatus s : ListStatus.values()) {
      m.put(s.name().toLowerCase(Locale.ROOT), count(s));
    }
    return m;
  }

  /** How many results have the given status. */
  public long count(ListStatus s) {
    return results.stream().filter(r -> r.status() == s).count();
  }
}
