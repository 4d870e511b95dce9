package dev.ddialab.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one latency histogram of DDIA Lab (DDIA ch. 1: percentiles, not averages), over
 * HdrHistogram: values in nanoseconds, three significant digits (relative error under 0.1%),
 * and a range that grows as needed, so no sample is ever clamped or dropped.
 *
 * <p>Thread safety: {@link #record} may be called from any number of threads at once; it goes
 * to an HdrHistogram {@link Recorder}, which is wait-free for writers. Queries take a lock, move
 * what the recorder gathered into an accumulated {@link Histogram}, and read that, so a query
 * sees a consistent histogram that includes every record call that completed before it began.
 * Queries and {@link #merge}/{@link #reset} serialise with each other; they never block writers
 * for long (a phase flip waits only for in-flight {@code record} calls).
 *
 * <p>Percentiles use HdrHistogram's nearest-rank definition: for percentile {@code p} of
 * {@code n} samples, the value of rank {@code max(1, ceil(p/100 * n))} in sorted order, reported
 * as the highest value in that value's bucket (so, for p > 0, never below the exact sample).
 */
public final class LatencyRecorder {
  private static final int SIGNIFICANT_DIGITS = 3;

  private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
  private final ReentrantLock lock = new ReentrantLock();
  private final Histogram accumulated = new Histogram(SIGNIFICANT_DIGITS); // guarded by lock
  private Histogram recycled; // guarded by lock; the recorder's spare interval histogram

  /** Records one latency; {@code nanos} must not be negative. */
  public void record(long nanos) {
    Invariants.require(nanos >= 0, "latency must not be negative: %d ns", nanos);
    recorder.recordValue(nanos);
  }

  public void recordMicros(long micros) {
    record(Math.multiplyExact(micros, 1_000L));
  }

  public long count() {
    lock.lock();
    try {
      return drained().getTotalCount();
    } finally {
      lock.unlock();
    }
  }

  /** Mean in nanoseconds; 0 when empty. */
  public double mean() {
    lock.lock();
    try {
      return drained().getMean();
    } finally {
      lock.unlock();
    }
  }

  /** The value at {@code percentile} (0..100) in nanoseconds; 0 when empty. */
  public long percentile(double percentile) {
    Invariants.require(
        percentile >= 0 && percentile <= 100, "percentile %s outside 0..100", percentile);
    lock.lock();
    try {
      return drained().getValueAtPercentile(percentile);
    } finally {
      lock.unlock();
    }
  }

  public long p50() {
    return percentile(50);
  }

  public long p90() {
    return percentile(90);
  }

  public long p99() {
    return percentile(99);
  }

  public long p999() {
    return percentile(99.9);
  }

  /** Largest recorded value (to histogram precision) in nanoseconds; 0 when empty. */
  public long max() {
    lock.lock();
    try {
      return drained().getMaxValue();
    } finally {
      lock.unlock();
    }
  }

  /** Smallest recorded value (to histogram precision) in nanoseconds; 0 when empty. */
  public long min() {
    lock.lock();
    try {
      return drained().getMinValue();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds every sample of {@code other} to this recorder; {@code other} is unchanged. Takes the
   * two locks one after the other, never together, so concurrent merges cannot deadlock.
   */
  public void merge(LatencyRecorder other) {
    Invariants.requireNonNull(other, "other");
    Histogram samples = other.copy();
    lock.lock();
    try {
      drained().add(samples);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets all samples. A {@code record} racing with the reset may land on either side. */
  public void reset() {
    lock.lock();
    try {
      drained().reset();
    } finally {
      lock.unlock();
    }
  }

  /** Count, mean and percentiles read from one consistent state. */
  public LatencySummary snapshot() {
    lock.lock();
    try {
      Histogram h = drained();
      return new LatencySummary(
          h.getTotalCount(),
          h.getMean(),
          h.getValueAtPercentile(50),
          h.getValueAtPercentile(90),
          h.getValueAtPercentile(99),
          h.getValueAtPercentile(99.9),
          h.getMaxValue());
    } finally {
      lock.unlock();
    }
  }

  /** {@link #snapshot()} as compact JSON; see {@link LatencySummary#toJson()}. */
  public String toJson() {
    return snapshot().toJson();
  }

  /**
   * Points of the latency CDF for plotting: {@code points} entries {@code {percentile, micros}}
   * at evenly spaced percentiles from 0 to 100, values non-decreasing. Empty when nothing was
   * recorded.
   */
  public List<double[]> cdf(int points) {
    Invariants.require(points >= 2, "a CDF needs at least 2 points, got %d", points);
    lock.lock();
    try {
      Histogram h = drained();
      if (h.getTotalCount() == 0) {
        return List.of();
      }
      List<double[]> cdf = new ArrayList<>(points);
      for (int i = 0; i < points; i++) {
        double percentile = 100.0 * i / (points - 1);
        cdf.add(new double[] {percentile, h.getValueAtPercentile(percentile) / 1_000.0});
      }
      return List.copyOf(cdf);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }

  private Histogram copy() {
    lock.lock();
    try {
      return drained().copy();
    } finally {
      lock.unlock();
    }
  }

  /** Moves what writers recorded since the last call into {@link #accumulated}. */
  private Histogram drained() {
    Invariants.check(lock.isHeldByCurrentThread(), "drained() called without the lock");
    recycled = recorder.getIntervalHistogram(recycled);
    accumulated.add(recycled);
    return accumulated;
  }
}
