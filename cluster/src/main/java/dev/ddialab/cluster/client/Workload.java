package dev.ddialab.cluster.client;

import java.util.random.RandomGenerator;

/** Generates a client's next operation. Uses only the random source given (the simulation's). */
@FunctionalInterface
public interface Workload {
  Invocation next(RandomGenerator random);
}
