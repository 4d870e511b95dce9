package dev.ddialab.bench.report;

import dev.ddialab.bench.run.RunResult;
import dev.ddialab.bench.run.StorageBench.Measurement;
import java.util.List;
import java.util.Optional;

/** The results of a benchmark session, plus what the reports need to put them in context. */
public record Summary(
    List<Measurement> measurements,
    String baseline,
    long num,
    int valueBytes,
    int threads,
    int runs,
    long seed,
    int cores,
    double loadBefore,
    double loadAfter,
    String java,
    String os) {

  /** The baseline engine's median for a workload, if it was measured. */
  public Optional<RunResult> baselineFor(String workload) {
    return measurements.stream()
        .filter(m -> m.workload().equals(workload) && m.engine().equals(baseline))
        .map(Measurement::median).findFirst();
  }

  /** Median ops/s relative to the baseline engine on the same workload; NaN without one. */
  public double ratioToBaseline(Measurement m) {
    return baselineFor(m.workload())
        .map(base -> m.median().opsPerSecond() / base.opsPerSecond()).orElse(Double.NaN);
  }

  /** Whether other work on the machine could have disturbed the figures. */
  public boolean machineWasBusy() {
    return loadBefore > 0.5 * cores || loadAfter > 1.5 * cores;
  }

  public List<String> workloads() {
    return measurements.stream().map(Measurement::workload).distinct().toList();
  }

  public List<String> engines() {
    return measurements.stream().map(Measurement::engine).distinct().toList();
  }
}
