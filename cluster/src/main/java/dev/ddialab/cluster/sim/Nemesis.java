package dev.ddialab.cluster.sim;

/**
 * Jepsen's name for the process that breaks things. A nemesis schedules its faults as harness
 * actions ({@link Simulation#at}) when installed, so faults are events like any other and a seed
 * replays them exactly.
 */
@FunctionalInterface
public interface Nemesis {
  void install(Simulation<?> simulation);
}
