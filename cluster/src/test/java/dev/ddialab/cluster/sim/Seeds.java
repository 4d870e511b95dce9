package dev.ddialab.cluster.sim;

import java.util.function.LongConsumer;

/**
 * Runs a simulation property over many seeds: {@code 1..count} by default (so CI is repeatable),
 * {@code -Dddia.sim.seeds=N} for a longer soak, {@code -Dddia.sim.seed=S} to replay one seed. A
 * failure names its seed and how to replay it.
 */
public final class Seeds {
  private Seeds() {}

  public static void forEach(String testName, int count, LongConsumer property) {
    String only = System.getProperty("ddia.sim.seed");
    if (only != null) {
      run(testName, Long.parseLong(only), property);
      return;
    }
    int seeds = Integer.getInteger("ddia.sim.seeds", count);
    for (long seed = 1; seed <= seeds; seed++) {
      run(testName, seed, property);
    }
  }

  private static void run(String testName, long seed, LongConsumer property) {
    try {
      property.accept(seed);
    } catch (SimulationFailure f) {
      throw f;
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("seed " + seed + " failed: " + e.getMessage()
          + "\n  replay: mvn -f cluster/pom.xml test -Dtest=" + testName + " -Dddia.sim.seed="
          + seed, e);
    }
  }
}
