package org.backstop.zone;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.backstop.zone.EntrySyntax.SyntaxError;

/**
 * Reads the lines of one rbldnsd dataset (several files read as one) with rbldnsd's meaning:
 * specials ({@code $SOA $NS $TTL $TIMESTAMP $MAXRANGE4 $n $= $DATASET}), comments ({@code #} and
 * {@code ;}), default values ({@code :A:TXT}), entries with optional values and {@code !}
 * exclusions. Bad lines become {@link ParseProblem}s.
 */
final class RbldnsdReader {
  private static final int MAX_LINE = 4096;
  private final DatasetType type;
  private final ZoneLoader.ZoneState zone;
  private final Clock clock;
  private final List<Binding> done = new ArrayList<>();
  private DatasetBuilder current;
  private DatasetType currentType;
  private List<String> subzones = List.of("");
  private Value defaultValue = Value.DEFAULT;
  private final String[] vars = new String[10];
  private String baseTemplate;
  private long maxRange4 = Long.MAX_VALUE;
  private int ttl;
  private String file;
  private int lineNo;

  RbldnsdReader(DatasetType type, ZoneLoader.ZoneState zone, Clock clock) {
    this.type = type;
    this.zone = zone;
    this.clock = clock;
    this.ttl = zone.defaultTtl;
    if (type != DatasetType.COMBINED) {
      currentType = type;
      current = DatasetBuilder.of(type, ttl);
    }
  }

  /**
   * Reads a file as bytes: lines that are a plain dotted quad go straight to the dataset without
   * becoming strings (most lines of a big DNSBL file); every other line takes the general path.
   */
  void read(String fileName, java.io.InputStream in) throws IOException {
    this.file = fileName;
    this.lineNo = 0;
    defaultValue = Value.DEFAULT;
    byte[] buf = new byte[1 << 16];
    int start = 0;
    int end = 0;
    while (true) {
      int nl = -1;
      for (int i = start; i < end; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl < 0) {
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
        }
        if (end == buf.length) {
          if (buf.length >= 1 << 20) {
            throw new IOException(file + ":" + (lineNo + 1) + ": line too long");
          }
          buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          if (end > start) {
            byteLine(buf, start, end);
          }
          return;
        }
        end += n;
        continue;
      }
      byteLine(buf, start, nl);
      start = nl + 1;
    }
  }

  private void byteLine(byte[] b, int from, int to) throws IOException {
    lineNo++;
    int e = to;
    while (e > from && (b[e - 1] == '\r' || b[e - 1] == ' ' || b[e - 1] == '\t')) {
      e--;
    }
    if (current != null
        && maxRange4 == Long.MAX_VALUE
        && e > from
        && b[from] >= '0'
        && b[from] <= '9') {
      long a = quad(b, from, e);
      if (a >= 0 && current.host4((int) a, defaultValue)) {
        return;
      }
    }
    if (to - from > MAX_LINE) {
      problem("line too long");
      return;
    }
    try {
      line(new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8));
    } catch (SyntaxError x) {
      problem(x.getMessage());
    }
  }

  /** A complete dotted quad filling b[from, to), or -1. */
  private static long quad(byte[] b, int from, int to) {
    long v = 0;
    int octets = 0;
    int i = from;
    while (i < to) {
      int o = 0;
      int s = i;
      while (i < to && b[i] >= '0' && b[i] <= '9' && i - s < 3) {
        o = o * 10 + (b[i] - '0');
        i++;
      }
      if (i == s || o > 255 || octets == 4) {
        return -1;
      }
      v = (v << 8) | o;
      octets++;
      if (i < to) {
        if (b[i] != '.' || i + 1 == to) {
          return -1;
        }
        i++;
      }
    }
    return octets == 4 ? v : -1;
  }

  List<Binding> finish() {
    close();
    return done;
  }

  private void close() {
    if (current != null) {
      Dataset d = current.build();
      for (String sz : subzones) {
        done.add(new Binding(sz, d));
      }
      current = null;
    }
  }

  private void problem(String message) {
    if (zone.problems.size() < 10_000) {
      zone.problems.add(new ParseProblem(file, lineNo, message));
    }
  }

  private void line(String raw) throws SyntaxError, IOException {
    String line = stripTrailing(raw);
    if (line.isEmpty()) {
      return;
    }
    char c = line.charAt(0);
    if (c == '$') {
      special(line.substring(1));
      return;
    }
    if ((c == '#' || c == ';' || c == ':') && line.length() > 1 && line.charAt(1) == '$') {
      special(line.substring(2));
      return;
    }
    if (c == '#' || c == ';' || Character.isWhitespace(c)) {
      return;
    }
    if (current == null) {
      throw new SyntaxError("entry outside of a $DATASET section");
    }
    if (c == ':') {
      defaultValue = value(line, Value.DEFAULT);
      current.defaultValue(defaultValue);
      return;
    }
    boolean excluded = c == '!';
    int from = excluded ? 1 : 0;
    int end = from;
    while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
      end++;
    }
    String token = line.substring(from, end);
    if (token.isEmpty()) {
      throw new SyntaxError("missing entry");
    }
    Value v = null;
    if (!excluded) {
      int r = end;
      while (r < line.length() && Character.isWhitespace(line.charAt(r))) {
        r++;
      }
      String rest = line.substring(r);
      v =
          rest.isEmpty() || rest.charAt(0) == '#' || rest.charAt(0) == ';'
              ? defaultValue
              : value(rest, defaultValue);
      if (maxRange4 != Long.MAX_VALUE
          && (currentType == DatasetType.IP4SET || currentType == DatasetType.IP4TRIE)) {
        long[] range = EntrySyntax.ip4Range(token, currentType == DatasetType.IP4SET);
        if (range[1] - range[0] + 1 > maxRange4) {
          throw new SyntaxError("range too large ($MAXRANGE4)");
        }
      }
    }
    current.entry(token, v);
  }

  /** Parses {@code :A:TXT}, {@code :A:}, {@code :A} or a bare TXT template. */
  private Value value(String text, Value dflt) throws SyntaxError {
    if (text.charAt(0) != ':') {
      return new Value(dflt.a(), template(text));
    }
    String rest = text.substring(1);
    int colon = rest.indexOf(':');
    String aText = (colon < 0 ? rest : rest.substring(0, colon)).trim();
    int a = aText.isEmpty() ? dflt.a() : EntrySyntax.aValue(aText);
    if (colon < 0) {
      return new Value(a, dflt.txt());
    }
    String txt = rest.substring(colon + 1);
    return new Value(a, txt.isEmpty() ? null : template(txt));
  }

  /** Applies {@code $n} variables and the {@code $=} base template at load time. */
  private String template(String txt) {
    String t = txt;
    if (baseTemplate != null) {
      t = t.startsWith("=") ? t.substring(1) : baseTemplate.replace("$=", t);
    }
    if (t.indexOf('$') < 0) {
      return t;
    }
    StringBuilder sb = new StringBuilder(t.length() + 32);
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch == '$' && i + 1 < t.length()) {
        char n = t.charAt(i + 1);
        if (n == '$') {
          sb.append("$$");
          i++;
          continue;
        }
        if (n >= '0' && n <= '9' && vars[n - '0'] != null) {
          sb.append(vars[n - '0']);
          i++;
          continue;
        }
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  private void special(String s) throws SyntaxError, IOException {
    String[] f = s.trim().split("\\s+");
    String kw = f[0];
    if (kw.length() == 1 && kw.charAt(0) >= '0' && kw.charAt(0) <= '9') {
      vars[kw.charAt(0) - '0'] = s.trim().substring(1).trim();
      return;
    }
    switch (kw.toUpperCase(java.util.Locale.ROOT)) {
      case "SOA" -> soa(f);
      case "NS" -> ns(f);
      case "TTL" -> {
        if (f.length < 2) {
          throw new SyntaxError("$TTL needs a value");
        }
        ttl = EntrySyntax.time(f[1]);
        if (current != null) {
          current.ttl(ttl);
        }
      }
      case "TIMESTAMP" -> timestamp(f);
      case "MAXRANGE4" -> {
        if (f.length < 2) {
          throw new SyntaxError("$MAXRANGE4 needs a value");
        }
        long r =
            f[1].startsWith("/")
                ? 1L << (32 - Integer.parseInt(f[1].substring(1)))
                : Long.parseLong(f[1]);
        maxRange4 = Math.min(maxRange4, r);
      }
      case "=" -> baseTemplate = s.trim().substring(1).trim();
      case "DATASET" -> dataset(f);
      default -> throw new SyntaxError("unknown special entry $" + kw);
    }
  }

  private void soa(String[] f) throws SyntaxError {
    if (zone.soa != null) {
      return; // only the first $SOA counts
    }
    if (f.length < 9) {
      throw new SyntaxError("$SOA needs ttl origindn persondn serial refresh retry expire minttl");
    }
    int t = EntrySyntax.time(f[1]);
    long serial;
    try {
      serial = Long.parseLong(f[4]);
    } catch (NumberFormatException e) {
      throw new SyntaxError("invalid SOA serial");
    }
    zone.soa =
        new Soa(
            t == 0 ? ttl : t,
            ZoneSnapshot.normalise(f[2]),
            ZoneSnapshot.normalise(f[3]),
            serial & 0xFFFF_FFFFL,
            EntrySyntax.time(f[5]),
            EntrySyntax.time(f[6]),
            EntrySyntax.time(f[7]),
            EntrySyntax.time(f[8]));
  }

  private void ns(String[] f) throws SyntaxError {
    if (zone.nsSeen) {
      return;
    }
    if (f.length < 3) {
      throw new SyntaxError("$NS needs ttl and a name server");
    }
    int t = EntrySyntax.time(f[1]);
    List<String> names = new ArrayList<>();
    for (int i = 2; i < f.length && names.size() < 32; i++) {
      if (!f[i].startsWith("-")) {
        names.add(ZoneSnapshot.normalise(f[i]));
      }
    }
    zone.nsSeen = true;
    zone.ns = names;
    zone.nsTtl = t == 0 ? ttl : t;
  }

  private void timestamp(String[] f) throws SyntaxError, IOException {
    if (f.length < 2) {
      throw new SyntaxError("$TIMESTAMP needs a date");
    }
    Instant stamp = stamp(f[1]);
    Instant now = clock.instant();
    if (stamp != null && stamp.isAfter(now)) {
      throw new IOException(file + ":" + lineNo + ": $TIMESTAMP " + f[1] + " is in the future");
    }
    if (f.length > 2 && !f[2].equals("0") && !f[2].equals("-")) {
      Instant exp;
      if (f[2].startsWith("+")) {
        exp = (stamp == null ? now : stamp).plusSeconds(EntrySyntax.time(f[2].substring(1)));
      } else {
        exp = stamp(f[2]);
      }
      if (zone.expires == null || exp.isBefore(zone.expires)) {
        zone.expires = exp;
      }
    }
  }

  /** yyyy:mm:dd[:hh[:mi[:ss]]] with optional ':' or '-' delimiters; 0 or - for none. */
  private static Instant stamp(String s) throws SyntaxError {
    if (s.equals("0") || s.equals("-")) {
      return null;
    }
    String d = s.replace(":", "").replace("-", "");
    if (!d.chars().allMatch(Character::isDigit)
        || (d.length() != 8 && d.length() != 10 && d.length() != 12 && d.length() != 14)) {
      throw new SyntaxError("invalid timestamp " + s);
    }
    try {
      LocalDateTime t =
          LocalDateTime.of(
              Integer.parseInt(d.substring(0, 4)),
              Integer.parseInt(d.substring(4, 6)),
              Integer.parseInt(d.substring(6, 8)),
              d.length() >= 10 ? Integer.parseInt(d.substring(8, 10)) : 0,
              d.length() >= 12 ? Integer.parseInt(d.substring(10, 12)) : 0,
              d.length() >= 14 ? Integer.parseInt(d.substring(12, 14)) : 0);
      return t.toInstant(ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      throw new SyntaxError("invalid timestamp " + s);
    }
  }

  private void dataset(String[] f) throws SyntaxError {
    if (type != DatasetType.COMBINED) {
      throw new SyntaxError("$DATASET outside a combined dataset");
    }
    if (f.length < 2) {
      throw new SyntaxError("$DATASET needs a type");
    }
    close();
    String t = f[1];
    int colon = t.indexOf(':');
    DatasetType dt = DatasetType.parse(colon < 0 ? t : t.substring(0, colon));
    if (dt == DatasetType.COMBINED) {
      throw new SyntaxError("combined datasets cannot be nested");
    }
    List<String> zs = new ArrayList<>();
    for (int i = 2; i < f.length; i++) {
      zs.add(f[i].equals("@") ? "" : ZoneSnapshot.normalise(f[i]));
    }
    subzones = zs;
    currentType = dt;
    current = DatasetBuilder.of(dt, ttl);
    defaultValue = Value.DEFAULT;
    baseTemplate = null;
  }

  private static String stripTrailing(String s) {
    int n = s.length();
    while (n > 0 && Character.isWhitespace(s.charAt(n - 1))) {
      n--;
    }
    return n == s.length() ? s : s.substring(0, n);
  }
}
