package dev.ddialab.cluster.trace;

import dev.ddialab.core.Invariants;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws the messages of a time window as a Lamport space-time diagram (DDIA ch. 8 and 9): one
 * vertical line per process, time flowing down, an arrow from each send to its delivery. Lost
 * messages end in a cross; crashes, restarts, pauses and partitions are marked on the lines. The
 * output is a standalone SVG, or an HTML page around it.
 */
public final class LamportDiagram {
  private static final int COLUMN_WIDTH = 140;
  private static final int MARGIN = 60;
  private static final int HEIGHT = 900;
  private static final int ARROWS_MAX = 3_000;

  private LamportDiagram() {}

  public static String html(List<TraceEvent> events, long fromNanos, long toNanos, String title) {
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title)
        + "</title></head>\n<body style=\"font-family:sans-serif\">\n<h3>" + escape(title)
        + "</h3>\n" + svg(events, fromNanos, toNanos) + "\n</body></html>\n";
  }

  public static String svg(List<TraceEvent> events, long fromNanos, long toNanos) {
    Invariants.require(fromNanos < toNanos, "empty window %d..%d", fromNanos, toNanos);
    Map<String, Integer> columns = new TreeMap<>(LamportDiagram::compareProcesses);
    for (TraceEvent e : events) {
      if (e.node() != null) {
        columns.put(e.node(), 0);
      }
      if (e.peer() != null) {
        columns.put(e.peer(), 0);
      }
    }
    int index = 0;
    for (String process : columns.keySet()) {
      columns.put(process, MARGIN + COLUMN_WIDTH * index++);
    }
    int width = MARGIN * 2 + COLUMN_WIDTH * Math.max(1, columns.size() - 1);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
        + " height=\"%d\" font-size=\"10\">%n", width, HEIGHT + 2 * MARGIN));
    svg.append("<defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" refX=\"8\""
        + " refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#333\"/></marker>"
        + "</defs>\n");
    columns.forEach((process, x) -> svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\">%s</text>"
            + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
        x, MARGIN - 20, escape(process), x, MARGIN, x, MARGIN + HEIGHT)));
    svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text><text x=\"4\""
        + " y=\"%d\">%s</text>%n", MARGIN, millis(fromNanos), MARGIN + HEIGHT, millis(toNanos)));
    int arrows = 0;
    for (TraceEvent e : events) {
      if (arrows >= ARROWS_MAX) {
        break;
      }
      switch (e.kind()) {
        case DELIVER -> {
          if (e.sentNanos() >= fromNanos && e.timeNanos() <= toNanos) {
            arrows++;
            int x1 = columns.get(e.peer());
            int x2 = columns.get(e.node());
            double y1 = y(e.sentNanos(), fromNanos, toNanos);
            double y2 = y(e.timeNanos(), fromNanos, toNanos);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\""
                + " y2=\"%.1f\" stroke=\"#333\" marker-end=\"url(#arrow)\"><title>%s</title>"
                + "</line><text x=\"%.1f\" y=\"%.1f\" fill=\"#555\">%s</text>%n", x1, y1, x2, y2,
                escape(e.detail()), (x1 + x2) / 2.0, (y1 + y2) / 2.0 - 2,
                escape(label(e.detail()))));
          }
        }
        case DROP -> {
          if (e.timeNanos() >= fromNanos && e.timeNanos() <= toNanos) {
            arrows++;
            int x1 = columns.get(e.node());
            int x2 = columns.get(e.peer());
            double y1 = y(e.sentNanos() >= 0 ? e.sentNanos() : e.timeNanos(), fromNanos, toNanos);
            double xm = x1 + (x2 - x1) * 0.4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\""
                + " y2=\"%.1f\" stroke=\"#c33\" stroke-dasharray=\"4,3\"><title>lost: %s</title>"
                + "</line><text x=\"%.1f\" y=\"%.1f\" fill=\"#c33\" font-size=\"14\">&#x2715;"
                + "</text>%n", x1, y1, xm, y1 + 12, escape(e.detail()), xm - 5, y1 + 17));
          }
        }
        case CRASH, RESTART, PAUSE, PARTITION, HEAL, CLOCK -> {
          if (e.timeNanos() >= fromNanos && e.timeNanos() <= toNanos) {
            double y = y(e.timeNanos(), fromNanos, toNanos);
            String color = e.kind() == TraceEvent.Kind.CRASH ? "#c00" : "#06c";
            String text = e.kind().name().toLowerCase(Locale.ROOT) + " " + e.detail();
            if (e.node() != null && columns.containsKey(e.node())) {
              int x = columns.get(e.node());
              svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"10\""
                  + " height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
                  x - 5, y - 5, color, x + 8, y + 4, color, escape(text)));
            } else {
              svg.append(String.format(Locale.ROOT, "<line x1=\"0\" y1=\"%.1f\" x2=\"%d\""
                  + " y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"2,4\"/><text x=\"4\""
                  + " y=\"%.1f\" fill=\"%s\">%s</text>%n", y, width, y, color, y - 2, color,
                  escape(text)));
            }
          }
        }
        default -> { }
      }
    }
    svg.append("</svg>");
    return svg.toString();
  }

  private static double y(long nanos, long from, long to) {
    return MARGIN + HEIGHT * (double) (nanos - from) / (to - from);
  }

  /** The message's type: a record's name, or the text up to its first bracket. */
  private static String label(String detail) {
    if (detail == null) {
      return "";
    }
    int cut = detail.indexOf('[');
    return cut > 0 ? detail.substring(0, cut) : detail.length() > 20 ? detail.substring(0, 20)
        : detail;
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  /** Servers before clients, then by number: n1, n2, ..., n10, c1, c2. */
  private static int compareProcesses(String a, String b) {
    boolean ca = a.startsWith("c");
    boolean cb = b.startsWith("c");
    if (ca != cb) {
      return ca ? 1 : -1;
    }
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }

  private static String escape(String s) {
    if (s == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    parts.add(out.toString());
    return String.join("", parts);
  }
}
