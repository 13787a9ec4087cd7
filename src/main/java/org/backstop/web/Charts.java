package org.backstop.web;

import java.util.List;
import java.util.Locale;

/**
 * Server-side SVG charts, so the statistics page needs no script and no external resource. Each
 * chart carries a title and description for screen readers; the page also shows the numbers.
 */
public final class Charts {
  // Drawn for a phone first: 400 units wide shows 11-unit text at about 10 px on a 360 px screen;
  // the page caps the width on large screens so text never grows huge.
  private static final int W = 400;
  private static final int H = 200;
  private static final int LEFT = 34;
  private static final int RIGHT = 8;
  private static final int TOP = 10;
  private static final int BOTTOM = 30;
  private static final int FONT = 11;

  private Charts() {}

  /** One labelled value. */
  public record Point(String label, long value) {}

  /** A line chart of values in order, labelled on the x axis at its ends and middle. */
  public static String line(String id, String title, List<Point> points, String color) {
    StringBuilder sb = open(id, title, summary(points));
    long max = niceMax(points);
    axes(sb, max);
    int n = points.size();
    if (n > 0) {
      double plotW = W - LEFT - RIGHT;
      double plotH = H - TOP - BOTTOM;
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < n; i++) {
        double x = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
        double y = TOP + plotH - plotH * points.get(i).value() / max;
        path.append(i == 0 ? "M" : "L").append(fmt(x)).append(',').append(fmt(y));
      }
      sb.append("<path d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke=\"")
          .append(Html.esc(color))
          .append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>");
      int[] marks = n == 1 ? new int[] {0} : new int[] {0, (n - 1) / 2, n - 1};
      for (int i : marks) {
        double x = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
        String anchor = i == 0 && n > 1 ? "start" : i == n - 1 && n > 1 ? "end" : "middle";
        text(sb, x, H - BOTTOM + 16, anchor, points.get(i).label());
      }
    } else {
      text(sb, W / 2.0, H / 2.0, "middle", "no data yet");
    }
    return sb.append("</svg>").toString();
  }

  /** A horizontal bar chart, one bar per point, labels on the left. */
  public static String bars(String id, String title, List<Point> points, String color) {
    int rowH = 24;
    int height = Math.max(1, points.size()) * rowH + TOP + 8;
    int labelW = 150;
    StringBuilder sb = new StringBuilder(512);
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(id)
        .append("-t ")
        .append(id)
        .append("-d\"><title id=\"")
        .append(id)
        .append("-t\">")
        .append(Html.esc(title))
        .append("</title><desc id=\"")
        .append(id)
        .append("-d\">")
        .append(Html.esc(summary(points)))
        .append("</desc>");
    long max = Math.max(1, points.stream().mapToLong(Point::value).max().orElse(1));
    double barMax = W - labelW - 40;
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double y = TOP + i * rowH;
      double w = Math.max(1, barMax * p.value() / max);
      text(sb, labelW - 6, y + 14, "end", shorten(p.label(), 24));
      sb.append("<rect x=\"")
          .append(labelW)
          .append("\" y=\"")
          .append(fmt(y + 3))
          .append("\" width=\"")
          .append(fmt(w))
          .append("\" height=\"")
          .append(rowH - 8)
          .append("\" fill=\"")
          .append(Html.esc(color))
          .append("\"/>");
      text(sb, labelW + w + 4, y + 14, "start", Long.toString(p.value()));
    }
    if (points.isEmpty()) {
      text(sb, W / 2.0, TOP + 12, "middle", "no data yet");
    }
    return sb.append("</svg>").toString();
  }

  private static StringBuilder open(String id, String title, String desc) {
    StringBuilder sb = new StringBuilder(2048);
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(id)
        .append("-t ")
        .append(id)
        .append("-d\"><title id=\"")
        .append(id)
        .append("-t\">")
        .append(Html.esc(title))
        .append("</title><desc id=\"")
        .append(id)
        .append("-d\">")
        .append(Html.esc(desc))
        .append("</desc>");
    return sb;
  }

  private static void axes(StringBuilder sb, long max) {
    double plotH = H - TOP - BOTTOM;
    for (int i = 0; i <= 4; i++) {
      double y = TOP + plotH - plotH * i / 4;
      sb.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(W - RIGHT)
          .append("\" y1=\"")
          .append(fmt(y))
          .append("\" y2=\"")
          .append(fmt(y))
          .append("\" stroke=\"#d0d7de\"/>");
      text(sb, LEFT - 4, y + 4, "end", Long.toString(max * i / 4));
    }
  }

  private static void text(StringBuilder sb, double x, double y, String anchor, String s) {
    sb.append("<text x=\"")
        .append(fmt(x))
        .append("\" y=\"")
        .append(fmt(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" font-size=\"")
        .append(FONT)
        .append("\" fill=\"#1b1f24\" font-family=\"sans-serif\">")
        .append(Html.esc(s))
        .append("</text>");
  }

  /** The smallest of 4, 8, 20, 40, 100, 200, 500, ... at or above the largest value. */
  static long niceMax(List<Point> points) {
    long max = points.stream().mapToLong(Point::value).max().orElse(0);
    long nice = 4;
    while (nice < max) {
      long digits = nice;
      nice = nice * 2;
      if (nice < max) {
        nice = digits * 5;
      }
    }
    return nice;
  }

  private static String summary(List<Point> points) {
    if (points.isEmpty()) {
      return "No data.";
    }
    long max = points.stream().mapToLong(Point::value).max().orElse(0);
    long last = points.get(points.size() - 1).value();
    return points.size()
        + " values from "
        + points.get(0).label()
        + " to "
        + points.get(points.size() - 1).label()
        + "; highest "
        + max
        + ", last "
        + last
        + ".";
  }

  private static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }
}
