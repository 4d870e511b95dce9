package dev.ddialab.bench.report;

import dev.ddialab.bench.run.RunResult;
import dev.ddialab.bench.run.StorageBench.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --report DIR}: one self-contained {@code index.html} with SVG charts drawn here (no
 * JavaScript, no external files): throughput bars per workload, latency CDFs per workload, and
 * write and space amplification per engine.
 */
public final class HtmlReport {
  private static final String[] COLORS = {
      "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

  private HtmlReport() {}

  public static Path write(Summary summary, Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>DDIA Lab storage"
        + " benchmark</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;"
        + "color:#222}svg{background:#fafafa;margin:.5em 0}h2{margin-top:2em}"
        + "td,th{padding:2px 8px;text-align:right}th{background:#eee}</style></head><body>");
    html.append("<h1>Storage benchmark</h1><p>")
        .append(String.format(Locale.ROOT, "--num %,d, --value-size %d, --threads %d, median of"
            + " %d runs, seed %d. Machine: %d cores, %s, Java %s; load average %.2f before, %.2f"
            + " after.", summary.num(), summary.valueBytes(), summary.threads(), summary.runs(),
            summary.seed(), summary.cores(), escape(summary.os()), escape(summary.java()),
            summary.loadBefore(), summary.loadAfter()))
        .append(summary.machineWasBusy() ? " <b>The machine was busy: figures may be noisy.</b>" : "")
        .append("</p>");
    html.append(legend(summary.engines()));
    html.append("<h2>Throughput (median ops/s)</h2>");
    for (String workload : summary.workloads()) {
      html.append(throughputBars(summary, workload));
    }
    html.append("<h2>Latency distribution</h2><p>Each line is one engine's CDF: the x axis spreads"
        + " the tail (50%, 90%, 99%, 99.9%, 99.99%), the y axis is logarithmic.</p>");
    for (String workload : summary.workloads()) {
      html.append(latencyCdf(summary, workload));
    }
    html.append("<h2>Amplification</h2><p>Write amplification: bytes written to storage per"
        + " key+value byte written. Space amplification: bytes on disk per live key+value byte."
        + "</p>");
    html.append(amplificationTable(summary));
    html.append("</body></html>\n");
    Path index = dir.resolve("index.html");
    Files.writeString(index, html);
    return index;
  }

  private static String color(List<String> engines, String engine) {
    return COLORS[Math.max(0, engines.indexOf(engine)) % COLORS.length];
  }

  private static String legend(List<String> engines) {
    StringBuilder out = new StringBuilder("<p>");
    for (String engine : engines) {
      out.append(String.format("<span style=\"color:%s\">&#9632;</span> %s &nbsp; ",
          color(engines, engine), escape(engine)));
    }
    return out.append("</p>").toString();
  }

  private static String throughputBars(Summary summary, String workload) {
    List<Measurement> rows = summary.measurements().stream()
        .filter(m -> m.workload().equals(workload)).toList();
    double max = rows.stream().mapToDouble(m -> m.median().opsPerSecond()).max().orElse(1);
    int rowHeight = 22;
    int width = 900;
    int labelWidth = 90;
    int height = 28 + rows.size() * rowHeight;
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
        "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<text x=\"4\" y=\"16\" font-weight=\"bold\">%s</text>", width, height, escape(workload)));
    for (int i = 0; i < rows.size(); i++) {
      Measurement m = rows.get(i);
      double ops = m.median().opsPerSecond();
      int y = 24 + i * rowHeight;
      int bar = (int) Math.max(1, (width - labelWidth - 160) * ops / max);
      svg.append(String.format(Locale.ROOT,
          "<text x=\"4\" y=\"%d\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\""
              + " fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s ops/s</text>",
          y + 13, escape(m.engine()), labelWidth, y, bar, color(summary.engines(), m.engine()),
          labelWidth + bar + 6, y + 13, TextReport.rate(ops)));
    }
    return svg.append("</svg>").toString();
  }

  /** x: -log10(1 - p) so that 90, 99, 99.9 and 99.99 are evenly spaced; y: log10(latency). */
  private static String latencyCdf(Summary summary, String workload) {
    int width = 900;
    int height = 300;
    int left = 70;
    int bottom = 30;
    double xMax = 4; // 99.99th percentile
    double yMin = Double.MAX_VALUE;
    double yMax = -Double.MAX_VALUE;
    List<Measurement> rows = summary.measurements().stream()
        .filter(m -> m.workload().equals(workload)).toList();
    for (Measurement m : rows) {
      for (double[] point : m.median().cdf()) {
        double y = Math.log10(Math.max(0.01, point[1]));
        yMin = Math.min(yMin, y);
        yMax = Math.max(yMax, y);
      }
    }
    if (yMin > yMax) {
      return "";
    }
    yMin = Math.floor(yMin);
    yMax = Math.max(yMin + 1, Math.ceil(yMax));
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
        "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<text x=\"4\" y=\"16\" font-weight=\"bold\">%s</text>", width, height, escape(workload)));
    for (double decade = yMin; decade <= yMax; decade++) {
      int y = (int) (height - bottom - (decade - yMin) / (yMax - yMin) * (height - bottom - 30));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\""
          + " stroke=\"#ddd\"/><text x=\"4\" y=\"%d\" font-size=\"11\">%s</text>", left, width - 10,
          y, y, y + 4, TextReport.micros(Math.pow(10, decade))));
    }
    String[] ticks = {"50%", "90%", "99%", "99.9%", "99.99%"};
    for (int i = 0; i < ticks.length; i++) {
      double x = Math.log10(1 / (1 - (i == 0 ? 0.5 : 1 - Math.pow(10, -i))));
      int px = (int) (left + x / xMax * (width - left - 20));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
          px - 10, height - 8, ticks[i]));
    }
    for (Measurement m : rows) {
      StringBuilder points = new StringBuilder();
      for (double[] point : m.median().cdf()) {
        double p = point[0] / 100;
        if (p >= 0.9999) {
          p = 0.9999;
        }
        double x = Math.log10(1 / (1 - p));
        double y = Math.log10(Math.max(0.01, point[1]));
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
            left + x / xMax * (width - left - 20),
            height - bottom - (y - yMin) / (yMax - yMin) * (height - bottom - 30)));
      }
      svg.append(String.format("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"%s\""
          + " points=\"%s\"/>", color(summary.engines(), m.engine()), points));
    }
    return svg.append("</svg>").toString();
  }

  private static String amplificationTable(Summary summary) {
    StringBuilder out = new StringBuilder("<table><tr><th>workload</th><th>engine</th>"
        + "<th>write amplification</th><th>space amplification</th><th>disk</th>"
        + "<th>peak RSS</th></tr>");
    for (Measurement m : summary.measurements()) {
      RunResult r = m.median();
      out.append(String.format("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
              + "<td>%s</td></tr>", escape(m.workload()), escape(m.engine()),
          TextReport.factor(r.writeAmplification()), TextReport.factor(r.spaceAmplification()),
          dev.ddialab.core.Units.formatBytes(r.diskBytes()),
          r.peakRssBytes() < 0 ? "n/a" : dev.ddialab.core.Units.formatBytes(r.peakRssBytes())));
    }
    return out.append("</table>").toString();
  }

  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
