package org.backstop.zone;

/**
 * A dataset attached to a zone at a subzone ({@code ""} for the zone itself), as rbldnsd's command
 * line and {@code $DATASET} lines attach them.
 */
public record Binding(String subzone, Dataset dataset) {

  /** The query name relative to this binding, or null when the name is not below it. */
  public String relative(String zoneRelative) {
    if (subzone.isEmpty()) {
      return zoneRelative;
    }
    if (zoneRelative.equals(subzone)) {
      return "";
    }
    int n = zoneRelative.length() - subzone.length();
    if (n > 1 && zoneRelative.endsWith(subzone) && zoneRelative.charAt(n - 1) == '.') {
      return zoneRelative.substring(0, n - 1);
    }
    return null;
  }
}
