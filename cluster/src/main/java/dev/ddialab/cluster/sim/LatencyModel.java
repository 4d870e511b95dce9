package dev.ddialab.cluster.sim;

import dev.ddialab.core.Invariants;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long one message takes on a link: a distribution sampled with the simulation's random
 * source. Variable latency is what reorders messages (DDIA ch. 8, "Unbounded delays").
 */
@FunctionalInterface
public interface LatencyModel {

  long sampleNanos(RandomGenerator random);

  static LatencyModel constant(Duration latency) {
    long nanos = latency.toNanos();
    Invariants.require(nanos >= 0, "latency must not be negative: %s", latency);
    return random -> nanos;
  }

  /** Uniform in [min, max]. */
  static LatencyModel uniform(Duration min, Duration max) {
    long lo = min.toNanos();
    long hi = max.toNanos();
    Invariants.require(0 <= lo && lo <= hi, "need 0 <= min <= max: %s, %s", min, max);
    return lo == hi ? random -> lo : random -> random.nextLong(lo, hi + 1);
  }

  /**
   * {@code min} plus an exponential tail with the given mean, capped at {@code min + 20 * mean}:
   * most messages are quick, a few are very late, as on a busy network.
   */
  static LatencyModel exponential(Duration min, Duration mean) {
    long lo = min.toNanos();
    double meanNanos = mean.toNanos();
    Invariants.require(lo >= 0 && meanNanos > 0, "need min >= 0, mean > 0: %s, %s", min, mean);
    long cap = (long) (20 * meanNanos);
    return random -> lo + Math.min(cap, (long) (-meanNanos * Math.log(1 - random.nextDouble())));
  }
}
