package dev.ddialab.cluster.trace;

import dev.ddialab.core.Invariants;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps up to {@code capacity} events in memory for export after the run; later events are
 * counted but not kept, so a long run cannot exhaust the heap.
 */
public final class TraceBuffer implements TraceSink {
  private final int capacity;
  private final List<TraceEvent> events = new ArrayList<>();
  private long dropped;

  public TraceBuffer(int capacity) {
    Invariants.require(capacity > 0, "capacity must be positive: %d", capacity);
    this.capacity = capacity;
  }

  @Override
  public void accept(TraceEvent event) {
    if (events.size() < capacity) {
      events.add(event);
    } else {
      dropped++;
    }
  }

  public List<TraceEvent> events() {
    return List.copyOf(events);
  }

  /** Events that arrived after the buffer was full. */
  public long dropped() {
    return dropped;
  }
}
