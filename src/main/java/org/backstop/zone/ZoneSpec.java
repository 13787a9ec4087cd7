package org.backstop.zone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which data files make a zone, in rbldnsd's command-line syntax {@code zone:type:file[,file...]}.
 * A zone named several times gathers all its datasets, in order.
 */
public record ZoneSpec(String origin, List<DatasetSpec> datasets) {

  /** One dataset: a type and the files read as if they were one. */
  public record DatasetSpec(DatasetType type, List<Path> files) {
    public DatasetSpec {
      files = List.copyOf(files);
    }
  }

  public ZoneSpec {
    origin = ZoneSnapshot.normalise(origin);
    datasets = List.copyOf(datasets);
  }

  /** All files of the zone. */
  public List<Path> files() {
    List<Path> all = new ArrayList<>();
    for (DatasetSpec d : datasets) {
      all.addAll(d.files());
    }
    return all;
  }

  /** Parses arguments like {@code bl.example.org:ip4set:a.txt,b.txt} and merges equal zones. */
  public static List<ZoneSpec> parse(List<String> args) {
    Map<String, List<DatasetSpec>> zones = new LinkedHashMap<>();
    for (String arg : args) {
      int c1 = arg.indexOf(':');
      int c2 = c1 < 0 ? -1 : arg.indexOf(':', c1 + 1);
      if (c1 <= 0 || c2 < 0 || c2 == arg.length() - 1) {
        throw new IllegalArgumentException("expected ZONE:TYPE:FILE[,FILE...], got: " + arg);
      }
      String zone = ZoneSnapshot.normalise(arg.substring(0, c1));
      DatasetType type = DatasetType.parse(arg.substring(c1 + 1, c2));
      List<Path> files = new ArrayList<>();
      for (String f : arg.substring(c2 + 1).split(",")) {
        if (!f.isBlank()) {
          files.add(Path.of(f.trim()));
        }
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no data file in: " + arg);
      }
      zones.computeIfAbsent(zone, z -> new ArrayList<>()).add(new DatasetSpec(type, files));
    }
    List<ZoneSpec> out = new ArrayList<>();
    zones.forEach((z, d) -> out.add(new ZoneSpec(z, d)));
    return out;
  }
}
