package org.backstop.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backstop.net.IpAddress;

/**
 * One DNSBL and its weight, written as in Postfix's {@code postscreen_dnsbl_sites}: {@code
 * zone[=filter][*weight]}. The filter is four dot-separated octets, each a number or a bracketed
 * list of numbers and ranges separated by {@code ;} ({@code 127.0.0.[2..11;20]}); without a filter
 * any answer counts. A negative weight allowlists. Speaking postscreen's syntax lets an operator
 * copy the same lines between postscreen and Backstop.
 *
 * @param zone the DNSBL zone, lower case, no trailing dot
 * @param filter per octet, the allowed {@code [low, high]} ranges; empty when any answer counts
 * @param weight what a listing adds to the client's score
 */
public record DnsblSite(String zone, List<List<int[]>> filter, int weight) {

  public DnsblSite {
    filter = List.copyOf(filter);
  }

  /** Parses one site; throws {@link IllegalArgumentException} with the reason when malformed. */
  public static DnsblSite parse(String text) {
    String s = text.strip();
    int weight = 1;
    int star = s.lastIndexOf('*');
    if (star >= 0) {
      try {
        weight = Integer.parseInt(s.substring(star + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad DNSBL weight in '" + text + "'");
      }
      s = s.substring(0, star);
    }
    List<List<int[]>> filter = List.of();
    int eq = s.indexOf('=');
    if (eq >= 0) {
      filter = parseFilter(s.substring(eq + 1), text);
      s = s.substring(0, eq);
    }
    String zone = s.strip().toLowerCase(Locale.ROOT);
    if (zone.endsWith(".")) {
      zone = zone.substring(0, zone.length() - 1);
    }
    if (zone.isEmpty() || !zone.matches("[a-z0-9_.-]+") || zone.contains("..")) {
      throw new IllegalArgumentException("bad DNSBL zone in '" + text + "'");
    }
    return new DnsblSite(zone, filter, weight);
  }

  private static List<List<int[]>> parseFilter(String f, String text) {
    List<List<int[]>> octets = new ArrayList<>();
    // Split on dots outside brackets.
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : f.toCharArray()) {
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (c == '.' && depth == 0) {
        octets.add(parseOctet(cur.toString(), text));
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    octets.add(parseOctet(cur.toString(), text));
    if (octets.size() != 4 || depth != 0) {
      throw new IllegalArgumentException("DNSBL filter needs four octets in '" + text + "'");
    }
    return octets;
  }

  private static List<int[]> parseOctet(String o, String text) {
    String s = o.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    } else if (s.contains("[") || s.contains("]") || s.contains(";") || s.contains("..")) {
      throw new IllegalArgumentException("bad DNSBL filter octet '" + o + "' in '" + text + "'");
    }
    List<int[]> ranges = new ArrayList<>();
    for (String part : s.split(";", -1)) {
      String[] lh = part.split("\\.\\.", -1);
      if (lh.length > 2) {
        throw new IllegalArgumentException("bad DNSBL range '" + part + "' in '" + text + "'");
      }
      int lo = octet(lh[0], text);
      int hi = lh.length == 2 ? octet(lh[1], text) : lo;
      if (lo > hi) {
        throw new IllegalArgumentException("empty DNSBL range '" + part + "' in '" + text + "'");
      }
      ranges.add(new int[] {lo, hi});
    }
    return List.copyOf(ranges);
  }

  private static int octet(String s, String text) {
    try {
      int v = Integer.parseInt(s.strip());
      if (v < 0 || v > 255) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad DNSBL filter number '" + s + "' in '" + text + "'");
    }
  }

  /** True when one DNSBL answer (an A record) counts for this site. */
  public boolean matches(IpAddress answer) {
    if (filter.isEmpty()) {
      return true;
    }
    if (!answer.isV4()) {
      return false;
    }
    int v = answer.v4();
    for (int i = 0; i < 4; i++) {
      int b = (v >>> (24 - 8 * i)) & 0xFF;
      boolean ok = false;
      for (int[] r : filter.get(i)) {
        ok |= b >= r[0] && b <= r[1];
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(zone);
    if (!filter.isEmpty()) {
      sb.append('=');
      for (int i = 0; i < 4; i++) {
        if (i > 0) {
          sb.append('.');
        }
        List<int[]> o = filter.get(i);
        boolean single = o.size() == 1 && o.get(0)[0] == o.get(0)[1];
        if (single) {
          sb.append(o.get(0)[0]);
          continue;
        }
        sb.append('[');
        for (int j = 0; j < o.size(); j++) {
          if (j > 0) {
            sb.append(';');
          }
          int[] r = o.get(j);
          sb.append(r[0]);
          if (r[1] != r[0]) {
            sb.append("..").append(r[1]);
          }
        }
        sb.append(']');
      }
    }
    return weight == 1 ? sb.toString() : sb.append('*').append(weight).toString();
  }
}
