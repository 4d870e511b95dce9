package dev.ddialab.bench.report;

import dev.ddialab.bench.run.RunResult;
import dev.ddialab.bench.run.StorageBench.Measurement;
import dev.ddialab.core.Units;
import java.io.PrintStream;

/** The table on stdout: one row per engine and workload, medians, and ratios to the baseline. */
public final class TextReport {
  private TextReport() {}

  public static void print(Summary summary, PrintStream out) {
    out.printf("%nStorage benchmark: --num %,d, --value-size %d, --threads %d, --runs %d (median"
        + " of runs), seed %d%n", summary.num(), summary.valueBytes(), summary.threads(),
        summary.runs(), summary.seed());
    out.printf("Machine: %d cores, %s, Java %s; load average %.2f before, %.2f after%n",
        summary.cores(), summary.os(), summary.java(), summary.loadBefore(), summary.loadAfter());
    String header = String.format("%-11s %-9s %10s %17s %8s %9s %9s %9s %7s %7s %9s",
        "workload", "engine", "ops/s", "min-max", "vs " + shorten(summary.baseline()), "p50",
        "p99", "p99.9", "w-amp", "s-amp", "peak RSS");
    out.println();
    out.println(header);
    out.println("-".repeat(header.length()));
    String previous = null;
    for (Measurement m : summary.measurements()) {
      if (previous != null && !previous.equals(m.workload())) {
        out.println();
      }
      previous = m.workload();
      RunResult median = m.median();
      out.printf("%-11s %-9s %10s %17s %8s %9s %9s %9s %7s %7s %9s%n",
          m.workload(), m.engine(), rate(median.opsPerSecond()),
          rate(m.minOpsPerSecond()) + "-" + rate(m.maxOpsPerSecond()),
          ratio(summary.ratioToBaseline(m)),
          micros(median.p50Micros()), micros(median.p99Micros()), micros(median.p999Micros()),
          factor(median.writeAmplification()), factor(median.spaceAmplification()),
          median.peakRssBytes() < 0 ? "n/a" : Units.formatBytes(median.peakRssBytes()));
    }
    out.println();
    out.println("w-amp: bytes the process wrote to storage (Linux /proc/self/io, from the start of the"
        + " measured phase to close) per key+value byte written; s-amp: database size on disk per"
        + " live key+value byte.");
    if (summary.machineWasBusy()) {
      out.printf("warning: the machine was busy (load average %.2f before, %.2f after, %d cores):"
          + " the figures may be noisy; run again on a quiet machine.%n",
          summary.loadBefore(), summary.loadAfter(), summary.cores());
    }
  }

  private static String shorten(String engine) {
    return engine == null ? "-" : engine.length() > 5 ? engine.substring(0, 5) : engine;
  }

  static String rate(double perSecond) {
    return Units.formatRate(perSecond).replace("/s", "");
  }

  static String ratio(double ratio) {
    return Double.isNaN(ratio) ? "-" : String.format("%.2fx", ratio);
  }

  static String factor(double value) {
    return Double.isNaN(value) ? "-" : String.format("%.2f", value);
  }

  static String micros(double micros) {
    return Units.formatNanos((long) (micros * 1000));
  }
}
