package dev.ddialab.bench.cli;

import dev.ddialab.bench.peers.BenchEngines;
import dev.ddialab.bench.report.HtmlReport;
import dev.ddialab.bench.report.JsonReport;
import dev.ddialab.bench.report.Summary;
import dev.ddialab.bench.report.TextReport;
import dev.ddialab.bench.run.ProcessMetrics;
import dev.ddialab.bench.run.StorageBench;
import dev.ddialab.bench.workload.Workloads;
import dev.ddialab.core.tour.TourContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ddia bench storage}: db_bench and YCSB workloads on every engine, side by side. */
@Command(
    name = "storage",
    mixinStandardHelpOptions = true,
    description = {
        "Run db_bench and YCSB workloads on our engines and the peers (RocksDB, LevelDB, H2"
            + " MVStore, LMDB), each run in a fresh JVM and directory, and print a table with"
            + " ratios to the baseline engine.",
        "Workloads: fillseq, fillrandom, overwrite, readrandom, readseq, readmissing, seekrandom,"
            + " fillsync, multisync, ycsb-a ... ycsb-f."})
public final class StorageBenchCommand implements Callable<Integer> {
  static final List<String> DEFAULT_WORKLOADS = List.of("fillseq", "fillrandom", "overwrite",
      "readrandom", "readseq", "readmissing", "seekrandom", "fillsync", "multisync");

  @Spec
  CommandSpec spec;

  @Option(names = "--engines", split = ",", paramLabel = "ENGINE",
      description = "Engines to run (default: all: ${COMPLETION-CANDIDATES}).",
      completionCandidates = EngineNames.class)
  List<String> engines;

  @Option(names = "--workloads", split = ",", paramLabel = "WORKLOAD",
      description = "Workloads to run (default: the db_bench set; 'all' adds YCSB A-F).")
  List<String> workloads;

  @Option(names = "--num", defaultValue = "100000", paramLabel = "N",
      description = "Keys loaded and operations measured (default: ${DEFAULT-VALUE}).")
  long num;

  @Option(names = "--value-size", defaultValue = "100", paramLabel = "BYTES",
      description = "Bytes per value (default: ${DEFAULT-VALUE}).")
  int valueSize;

  @Option(names = "--threads", defaultValue = "4", paramLabel = "N",
      description = "Client threads for multisync and YCSB (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
      description = "Runs per engine and workload; the median is reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--baseline", paramLabel = "ENGINE",
      description = "Engine the ratios compare with (default: rocksdb if it runs, else the first).")
  String baseline;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for keys and operations.")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write an HTML report with charts to DIR/index.html.")
  Path report;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where databases are created (default: a temporary directory, removed after).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    List<String> chosenEngines = engines == null ? BenchEngines.all() : engines;
    for (String engine : chosenEngines) {
      if (!BenchEngines.all().contains(engine)) {
        throw new ParameterException(spec.commandLine(), "unknown engine '" + engine
            + "'; available: " + String.join(", ", BenchEngines.all()));
      }
    }
    List<String> chosenWorkloads = workloads == null ? DEFAULT_WORKLOADS
        : workloads.equals(List.of("all")) ? Workloads.names() : workloads;
    for (String workload : chosenWorkloads) {
      if (!Workloads.names().contains(workload)) {
        throw new ParameterException(spec.commandLine(), "unknown workload '" + workload
            + "'; available: " + String.join(", ", Workloads.names()));
      }
    }
    if (num < 1 || valueSize < 0 || threads < 1 || runs < 1) {
      throw new ParameterException(spec.commandLine(),
          "--num, --threads and --runs must be at least 1, --value-size at least 0");
    }
    String base = baseline != null ? baseline
        : chosenEngines.contains("rocksdb") ? "rocksdb" : chosenEngines.get(0);
    if (!chosenEngines.contains(base)) {
      throw new ParameterException(spec.commandLine(), "--baseline " + base + " is not among"
          + " the engines being run");
    }
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("ddia-bench-");
    int cores = Runtime.getRuntime().availableProcessors();
    double loadBefore = ProcessMetrics.loadAverage();
    System.err.printf("bench storage: %d engines x %d workloads x %d runs, --num %,d; load"
        + " average %.2f on %d cores%n", chosenEngines.size(), chosenWorkloads.size(), runs, num,
        loadBefore, cores);
    List<StorageBench.Measurement> measurements;
    try {
      measurements = StorageBench.run(new StorageBench.Plan(chosenEngines, chosenWorkloads, num,
          valueSize, threads, runs, seed, work), System.err);
    } finally {
      if (dir == null) {
        TourContext.deleteTree(work);
      }
    }
    Summary summary = new Summary(measurements, base, num, valueSize, threads, runs, seed, cores,
        loadBefore, ProcessMetrics.loadAverage(), Runtime.version().toString(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    TextReport.print(summary, System.out);
    if (json != null) {
      JsonReport.write(summary, json);
      System.out.println("JSON: " + json);
    }
    if (report != null) {
      System.out.println("report: " + HtmlReport.write(summary, report));
    }
    return 0;
  }

  /** Engine names for help and completion. */
  static final class EngineNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return BenchEngines.all().iterator();
    }
  }
}
