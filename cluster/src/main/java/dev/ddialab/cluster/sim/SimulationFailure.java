package dev.ddialab.cluster.sim;

/**
 * A simulation run failed: a node threw, an invariant broke, or a check on the result did. The
 * message always carries the seed and the command that replays the run exactly, because a seed is
 * the whole of a run's randomness.
 */
public final class SimulationFailure extends AssertionError {
  private final long seed;

  public SimulationFailure(long seed, String replayCommand, String what, Throwable cause) {
    super(what + "\n  seed: " + seed + "\n  replay: " + replayCommand, cause);
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }
}
