package dev.ddialab.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.core.ChildJvm;
import dev.ddialab.core.Units;
import dev.ddialab.core.tour.TourContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every engine × workload × run, each in a fresh child JVM in a fresh directory, and
 * collects the results. Runs of one engine and workload are taken back to back; the summary
 * reports their median.
 */
public final class StorageBench {
  /**
   * JVM options of the measured child: full JIT, default collector, a fixed heap. LMDB's binding
   * (jffi) uses sun.misc.Unsafe, which JDK 24+ warns about on every run unless allowed.
   */
  static final List<String> CHILD_JVM_OPTIONS = childJvmOptions();

  private static List<String> childJvmOptions() {
    List<String> options = new ArrayList<>(List.of(
        "-Xms1g", "-Xmx4g", "-XX:+UseG1GC", "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 24) {
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return List.copyOf(options);
  }

  public record Plan(List<String> engines, List<String> workloads, long num, int valueBytes,
      int threads, int runs, long seed, Path workDir) {}

  /** All runs of one engine and workload. */
  public record Measurement(String engine, String workload, List<RunResult> runs) {
    public RunResult median() {
      List<RunResult> sorted = new ArrayList<>(runs);
      sorted.sort(java.util.Comparator.comparingDouble(RunResult::opsPerSecond));
      return sorted.get(sorted.size() / 2);
    }

    public double minOpsPerSecond() {
      return runs.stream().mapToDouble(RunResult::opsPerSecond).min().orElse(0);
    }

    public double maxOpsPerSecond() {
      return runs.stream().mapToDouble(RunResult::opsPerSecond).max().orElse(0);
    }
  }

  private StorageBench() {}

  public static List<Measurement> run(Plan plan, PrintStream progress)
      throws IOException, InterruptedException {
    ObjectMapper json = new ObjectMapper();
    List<Measurement> measurements = new ArrayList<>();
    int total = plan.engines().size() * plan.workloads().size() * plan.runs();
    int done = 0;
    for (String workload : plan.workloads()) {
      for (String engine : plan.engines()) {
        List<RunResult> runs = new ArrayList<>();
        for (int run = 1; run <= plan.runs(); run++) {
          done++;
          Path dir = plan.workDir().resolve(engine + "-" + workload + "-" + run);
          RunResult result = runChild(plan, engine, workload, dir, json);
          TourContext.deleteTree(dir);
          runs.add(result);
          progress.printf("[%d/%d] %-9s %-11s run %d/%d: %s ops/s, p99 %s%n", done, total, engine,
              workload, run, plan.runs(), Units.formatRate(result.opsPerSecond()).replace("/s", ""),
              Units.formatNanos((long) (result.p99Micros() * 1000)));
        }
        measurements.add(new Measurement(engine, workload, runs));
      }
    }
    return measurements;
  }

  private static RunResult runChild(Plan plan, String engine, String workload, Path dir,
      ObjectMapper json) throws IOException, InterruptedException {
    Path output = Files.createTempFile("ddia-bench-", ".out");
    try {
      Process child = ChildJvm.builder(CHILD_JVM_OPTIONS, BenchChild.class, List.of(engine, workload,
              Long.toString(plan.num()), Integer.toString(plan.valueBytes()),
              Integer.toString(plan.threads()), Long.toString(plan.seed()), dir.toString()))
          .redirectOutput(output.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      int exit;
      try {
        exit = child.waitFor();
      } finally {
        child.destroyForcibly();
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      for (String line : out.split("\n")) {
        if (line.startsWith(BenchChild.RESULT_PREFIX)) {
          return json.readValue(line.substring(BenchChild.RESULT_PREFIX.length()), RunResult.class);
        }
      }
      throw new IOException(engine + " " + workload + " failed (exit " + exit + "; its error is"
          + " above)");
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
