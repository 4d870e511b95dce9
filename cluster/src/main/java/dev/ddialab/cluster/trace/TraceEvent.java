package dev.ddialab.cluster.trace;

/**
 * One event of a run, as the simulator saw it (virtual time, nanoseconds). {@code node} is where
 * it happened, {@code peer} the other end of a message (the sender of a delivery, the receiver of
 * a send or drop), {@code sentNanos} when a delivered message was sent. Absent fields are null or
 * -1.
 */
public record TraceEvent(
    long timeNanos, Kind kind, String node, String peer, String detail, long sentNanos) {

  public enum Kind {
    SEND, DELIVER, DROP, DUPLICATE, TIMER, CRASH, RESTART, PAUSE, RESUME, PARTITION, HEAL,
    CLOCK, LOG, ACTION
  }

  /** True for events that change the run (everything the trace hash covers). */
  public boolean isStep() {
    return kind != Kind.LOG;
  }
}
