package dev.ddialab.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An immutable summary of a {@link LatencyRecorder}, in nanoseconds. Percentiles follow
 * HdrHistogram: nearest rank, reported as the highest value equivalent to the sample within
 * three significant digits. All fields are zero when nothing was recorded.
 */
public record LatencySummary(
    long count,
    double meanNanos,
    long p50Nanos,
    long p90Nanos,
    long p99Nanos,
    long p999Nanos,
    long maxNanos) {

  /**
   * A compact JSON object with microsecond fields, e.g.
   * {@code {"count":3,"mean_us":12.5,"p50_us":12.007,...,"max_us":15.1}}; numbers carry at most
   * three decimals (nanosecond resolution) and no exponent.
   */
  public String toJson() {
    return "{\"count\":" + count
        + ",\"mean_us\":" + micros(meanNanos)
        + ",\"p50_us\":" + micros(p50Nanos)
        + ",\"p90_us\":" + micros(p90Nanos)
        + ",\"p99_us\":" + micros(p99Nanos)
        + ",\"p999_us\":" + micros(p999Nanos)
        + ",\"max_us\":" + micros(maxNanos)
        + "}";
  }

  static String micros(long nanos) {
    return BigDecimal.valueOf(nanos).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  static String micros(double nanos) {
    Invariants.require(Double.isFinite(nanos), "not a finite number of nanoseconds: %s", nanos);
    return BigDecimal.valueOf(nanos)
        .movePointLeft(3)
        .setScale(3, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
