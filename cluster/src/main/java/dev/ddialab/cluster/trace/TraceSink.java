package dev.ddialab.cluster.trace;

/** Receives a run's events in order. Implementations need not be thread-safe (one sim thread). */
@FunctionalInterface
public interface TraceSink {
  void accept(TraceEvent event);

  TraceSink NONE = event -> {};

  default TraceSink and(TraceSink other) {
    if (this == NONE) {
      return other;
    }
    if (other == NONE) {
      return this;
    }
    return event -> {
      accept(event);
      other.accept(event);
    };
  }
}
