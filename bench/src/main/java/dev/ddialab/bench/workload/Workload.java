package dev.ddialab.bench.workload;

import dev.ddialab.core.LatencyRecorder;
import dev.ddialab.storage.KvEngine;
import java.io.IOException;

/**
 * One benchmark: an untimed load that builds the starting state, and a measured phase whose
 * every operation's latency is recorded. Implementations are stateless; all randomness comes
 * from the spec's seed, so every engine sees the same operations in the same order.
 */
public interface Workload {
  String name();

  /** One line for {@code --help} and reports. */
  String description();

  /** Builds the state the measured phase starts from. Not timed. */
  void load(KvEngine engine, Spec spec, KeySpace keys) throws IOException;

  /** The measured phase. */
  Phase run(KvEngine engine, Spec spec, KeySpace keys, LatencyRecorder latency)
      throws IOException, InterruptedException;
}
