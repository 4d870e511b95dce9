package dev.ddialab.cluster.sim;

import dev.ddialab.core.Invariants;

/**
 * One node's view of time in simulation (DDIA ch. 8, "Unreliable Clocks"): its monotonic clock
 * starts at its own origin and runs fast or slow by {@code driftPpm}; its time-of-day clock
 * follows the same rate plus a skew that a nemesis can step in either direction. Monotonic time
 * never goes backwards because the drift is bounded above -1,000,000 ppm and steps only move the
 * wall clock.
 */
final class SimClock {
  /** Virtual time 0 is this wall-clock instant (2026-01-01T00:00:00Z), for readable timestamps. */
  static final long EPOCH_MILLIS = 1_767_225_600_000L;
  private static final long PPM = 1_000_000L;

  private final long originNanos;
  private final long driftPpm;
  private long wallSkewMillis;

  SimClock(long originNanos, long driftPpm, long wallSkewMillis) {
    Invariants.require(driftPpm > -PPM / 2 && driftPpm < PPM, "drift %d ppm out of range",
        driftPpm);
    this.originNanos = originNanos;
    this.driftPpm = driftPpm;
    this.wallSkewMillis = wallSkewMillis;
  }

  long nanoTime(long virtualNanos) {
    return originNanos + local(virtualNanos);
  }

  long wallMillis(long virtualNanos) {
    return EPOCH_MILLIS + local(virtualNanos) / 1_000_000L + wallSkewMillis;
  }

  /** The virtual delay after which this clock will have advanced by {@code localNanos}. */
  long virtualDelay(long localNanos) {
    if (driftPpm == 0) {
      return localNanos;
    }
    if (localNanos < Long.MAX_VALUE / PPM) {
      return Math.ceilDiv(localNanos * PPM, PPM + driftPpm);
    }
    return (long) Math.ceil(localNanos * ((double) PPM / (PPM + driftPpm)));
  }

  void stepWall(long millis) {
    wallSkewMillis += millis;
  }

  long wallSkewMillis() {
    return wallSkewMillis;
  }

  long driftPpm() {
    return driftPpm;
  }

  private long local(long virtualNanos) {
    return driftPpm == 0 ? virtualNanos : virtualNanos + virtualNanos / PPM * driftPpm
        + (virtualNanos % PPM) * driftPpm / PPM;
  }
}
