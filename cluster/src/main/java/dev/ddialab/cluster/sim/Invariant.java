package dev.ddialab.cluster.sim;

/**
 * A property checked after every event of a simulation (TigerBeetle/FoundationDB style): throw
 * (an {@code AssertionError} or {@code InvariantViolation}) with a message saying what broke.
 * Invariants read node state through {@link Simulation#node} and must not change anything.
 */
@FunctionalInterface
public interface Invariant<M> {
  void check(Simulation<M> simulation);
}
