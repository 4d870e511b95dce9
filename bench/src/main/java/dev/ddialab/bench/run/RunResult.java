package dev.ddialab.bench.run;

import java.util.List;

/**
 * One measured run of one workload on one engine, as the child process reports it.
 *
 * @param operations operations in the measured phase
 * @param elapsedNanos wall time of the measured phase
 * @param userBytesWritten key and value bytes the measured phase wrote
 * @param storageBytesWritten bytes the process wrote to storage from the start of the measured
 *     phase until the engine was closed (so background flushes and compactions it caused count)
 * @param liveBytes key and value bytes of every entry in the database after the run
 * @param diskBytes the database directory's size after close
 * @param peakRssBytes the child process's peak resident set size
 * @param cdf latency CDF points: {percentile, microseconds}
 */
public record RunResult(
    String engine,
    String workload,
    long operations,
    long elapsedNanos,
    double p50Micros,
    double p99Micros,
    double p999Micros,
    double maxMicros,
    long userBytesWritten,
    long storageBytesWritten,
    long liveBytes,
    long diskBytes,
    long peakRssBytes,
    List<double[]> cdf) {

  public double opsPerSecond() {
    return operations / (elapsedNanos / 1e9);
  }

  /** Storage bytes written per user byte written; NaN for workloads that write nothing. */
  public double writeAmplification() {
    return userBytesWritten <= 0 || storageBytesWritten < 0
        ? Double.NaN : (double) storageBytesWritten / userBytesWritten;
  }

  /** Disk bytes per live byte. */
  public double spaceAmplification() {
    return liveBytes <= 0 ? Double.NaN : (double) diskBytes / liveBytes;
  }
}
