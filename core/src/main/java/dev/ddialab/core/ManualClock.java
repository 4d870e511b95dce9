package dev.ddialab.core;

import java.time.Duration;

/**
 * A clock that moves only when told to, for tests and the deterministic simulator.
 *
 * <p>{@link #advance} moves both clocks together, as real time does; {@link #setWallMillis}
 * moves only the wall clock, in either direction, to model a clock step or skew (DDIA ch. 8).
 * Invariant: {@link #nanoTime} never decreases, because negative advances are rejected and
 * overflow fails, leaving the clock unchanged. The wall clock keeps sub-millisecond remainders,
 * so a thousand advances of one microsecond move it by one millisecond. Thread-safe: all state
 * is guarded by this object.
 */
public final class ManualClock implements Clock {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private long wallMillis;
  private long wallSubMilliNanos; // 0 <= wallSubMilliNanos < NANOS_PER_MILLI
  private long nanoTime;

  /** Starts at wall time 0 (the epoch) and monotonic time 0. */
  public ManualClock() {
    this(0, 0);
  }

  public ManualClock(long wallMillis, long nanoTime) {
    this.wallMillis = wallMillis;
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized long wallMillis() {
    return wallMillis;
  }

  @Override
  public synchronized long nanoTime() {
    return nanoTime;
  }

  /** Moves both clocks forward by {@code duration}, which must not be negative. */
  public void advance(Duration duration) {
    Invariants.requireNonNull(duration, "duration");
    Invariants.require(
        !duration.isNegative(), "cannot advance by a negative duration: %s", duration);
    advanceNanos(duration.toNanos());
  }

  /** Moves both clocks forward by {@code nanos}, which must not be negative. */
  public synchronized void advanceNanos(long nanos) {
    Invariants.require(nanos >= 0, "cannot advance by negative nanos: %d", nanos);
    long nextNanoTime = Math.addExact(nanoTime, nanos);
    long subMilli = wallSubMilliNanos + nanos % NANOS_PER_MILLI;
    long nextWallMillis =
        Math.addExact(wallMillis, nanos / NANOS_PER_MILLI + subMilli / NANOS_PER_MILLI);
    Invariants.check(
        nextNanoTime >= nanoTime, "nanoTime would go backwards: %d -> %d", nanoTime, nextNanoTime);
    nanoTime = nextNanoTime;
    wallMillis = nextWallMillis;
    wallSubMilliNanos = subMilli % NANOS_PER_MILLI;
  }

  /** Sets the wall clock only, possibly backwards; monotonic time is unaffected. */
  public synchronized void setWallMillis(long wallMillis) {
    this.wallMillis = wallMillis;
    this.wallSubMilliNanos = 0;
  }

  @Override
  public synchronized String toString() {
    return "ManualClock[wallMillis=" + wallMillis + ", nanoTime=" + nanoTime + "]";
  }
}
