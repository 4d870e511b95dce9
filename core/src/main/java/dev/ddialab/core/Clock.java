package dev.ddialab.core;

/**
 * The two clocks of DDIA ch. 8, injected everywhere so that tests and the simulator control
 * time: nothing outside a {@code Clock} implementation calls {@code System.nanoTime()} or
 * {@code System.currentTimeMillis()}.
 *
 * <p>Contract: {@link #wallMillis} is time-of-day, comparable across machines only as far as
 * their clocks are synchronised, and may jump backwards (NTP steps, leap seconds, an operator);
 * use it to label events, never to measure durations. {@link #nanoTime} is monotonic and
 * meaningful only as a difference between two readings of the same clock. Implementations are
 * thread-safe.
 */
public interface Clock {

  /** Milliseconds since the Unix epoch, as the (possibly wrong) wall clock says. */
  long wallMillis();

  /** Monotonic nanoseconds from an arbitrary origin; never decreases. */
  long nanoTime();

  /** The process's real clocks. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
