package dev.ddialab.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddialab.bench.peers.BenchEngines;
import dev.ddialab.bench.workload.KeySpace;
import dev.ddialab.bench.workload.Phase;
import dev.ddialab.bench.workload.Spec;
import dev.ddialab.bench.workload.Workload;
import dev.ddialab.bench.workload.Workloads;
import dev.ddialab.core.LatencyRecorder;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.storage.Directories;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * One measurement in a fresh JVM, so that engines do not share a heap, a JIT history, native
 * memory or a peak RSS. Usage: {@code BenchChild ENGINE WORKLOAD NUM VALUE_BYTES THREADS SEED
 * DIR}. It warms up on a tenth of the work in a scratch directory, then loads (untimed), runs
 * the measured phase, closes the engine, and prints one line {@code RESULT <json>}.
 */
public final class BenchChild {
  public static final String RESULT_PREFIX = "RESULT ";
  private static final int CDF_POINTS = 60;

  private BenchChild() {}

  public static void main(String[] args) throws Exception {
    String engineName = args[0];
    Workload workload = Workloads.byName(args[1]);
    Spec spec = new Spec(Long.parseLong(args[2]), Integer.parseInt(args[3]),
        Integer.parseInt(args[4]), Long.parseLong(args[5]));
    Path dir = Path.of(args[6]);

    Path warmUp = dir.resolveSibling(dir.getFileName() + "-warm-up");
    Spec small = new Spec(Math.max(1, spec.num() / 10), spec.valueBytes(), spec.threads(), spec.seed() + 7);
    measure(engineName, workload, small, warmUp);
    TourContext.deleteTree(warmUp);

    RunResult result = measure(engineName, workload, spec, dir);
    System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
  }

  static RunResult measure(String engineName, Workload workload, Spec spec, Path dir)
      throws Exception {
    Files.createDirectories(dir);
    KeySpace keys = new KeySpace(spec.valueBytes(), new SplittableRandom(spec.seed()));
    LatencyRecorder latency = new LatencyRecorder();
    Phase phase;
    long elapsed;
    long writtenBefore;
    long liveBytes = 0;
    try (KvEngine engine = BenchEngines.open(engineName, dir)) {
      workload.load(engine, spec, keys);
      writtenBefore = ProcessMetrics.storageBytesWritten();
      long start = System.nanoTime();
      phase = workload.run(engine, spec, keys, latency);
      elapsed = System.nanoTime() - start;
      try (KvIterator it = engine.scan(null, null)) {
        while (it.hasNext()) {
          KvEntry entry = it.next();
          liveBytes += entry.key().length + entry.value().length;
        }
      }
    }
    long writtenAfter = ProcessMetrics.storageBytesWritten();
    long written = writtenBefore < 0 || writtenAfter < 0 ? -1 : writtenAfter - writtenBefore;
    return new RunResult(engineName, workload.name(), phase.operations(), elapsed,
        latency.p50() / 1e3, latency.p99() / 1e3, latency.p999() / 1e3, latency.max() / 1e3,
        phase.userBytesWritten(), written, liveBytes, Directories.sizeBytes(dir),
        ProcessMetrics.peakRssBytes(), latency.cdf(CDF_POINTS));
  }
}
