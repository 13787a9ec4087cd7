package org.backstop.check;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The human-readable table of a {@link CheckReport}: listings first, each with its meaning. */
public final class CheckReportText {
  private CheckReportText() {}

  private static final Comparator<ListResult> ORDER =
      Comparator.comparingInt((ListResult r) -> rank(r.status())).thenComparing(ListResult::zone);

  private static int rank(ListStatus s) {
    return switch (s) {
      case LISTED -> 0;
      case REFUSED -> 1;
      case ERROR -> 2;
      case CLEAN -> 3;
    };
  }

  /** Renders the report as a table; clean lists are one line each. */
  public static String render(CheckReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%s: listed on %d of %d lists (%d clean, %d error, %d refused) in %d ms%n%n",
            r.target(),
            r.count(ListStatus.LISTED),
            r.results().size(),
            r.count(ListStatus.CLEAN),
            r.count(ListStatus.ERROR),
            r.count(ListStatus.REFUSED),
            r.millis()));
    int zoneWidth =
        Math.max(4, r.results().stream().mapToInt(x -> x.zone().length()).max().orElse(4));
    String row = "%-8s %-" + zoneWidth + "s %-16s %s%n";
    sb.append(String.format(Locale.ROOT, row, "STATUS", "ZONE", "ANSWER", "MEANING"));
    List<ListResult> sorted = r.results().stream().sorted(ORDER).toList();
    for (ListResult x : sorted) {
      String answer = x.codes().isEmpty() ? "-" : String.join(",", x.codes());
      String meaning =
          x.status() == ListStatus.LISTED
              ? String.join("; ", x.meanings())
              : x.detail() == null ? "" : x.detail();
      sb.append(
              String.format(
                      Locale.ROOT,
                      row,
                      x.status().name(),
                      x.zone(),
                      abbreviate(answer, 16),
                      meaning)
                  .stripTrailing())
          .append('\n');
      String indent = " ".repeat(9 + zoneWidth + 1);
      if (x.status() == ListStatus.LISTED) {
        if (x.txt() != null) {
          sb.append(indent).append("TXT: ").append(abbreviate(x.txt(), 200)).append('\n');
        }
        if (x.removal() != null) {
          sb.append(indent).append("removal: ").append(x.removal()).append('\n');
        }
      }
    }
    long refused = r.count(ListStatus.REFUSED);
    if (refused > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%nNote: %d list(s) refused the query. Many lists refuse queries relayed by public"
                  + " resolvers, and a server that does not recurse refuses them all: ask through"
                  + " your own recursive resolver (--resolver ADDR:PORT).%n",
              refused));
    }
    List<ListResult> broken =
        sorted.stream()
            .filter(
                x ->
                    x.health() == ListHealth.LISTS_EVERYTHING
                        || x.health() == ListHealth.LISTS_NOTHING)
            .toList();
    if (!broken.isEmpty()) {
      sb.append("\nLists failing their RFC 5782 test points:\n");
      for (ListResult x : broken) {
        String what =
            x.health() == ListHealth.LISTS_EVERYTHING
                ? "lists everything (127.0.0.1 or INVALID is listed)"
                : "lists nothing (127.0.0.2 or TEST is not listed)";
        sb.append("  ").append(x.zone()).append(": ").append(what).append('\n');
      }
    }
    return sb.toString();
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
