package dev.ddialab.cluster.sim;

import dev.ddialab.core.Invariants;
import java.time.Duration;

/**
 * What a link does to each message besides delaying it: lose it, deliver it twice, or hold it
 * back by up to {@code reorderWindow} beyond its sampled latency (so later messages overtake it).
 * Probabilities are per message, in [0, 1].
 */
public record LinkFaults(
    double dropProbability, double duplicateProbability, double reorderProbability,
    Duration reorderWindow) {

  public static final LinkFaults NONE = new LinkFaults(0, 0, 0, Duration.ZERO);

  public LinkFaults {
    Invariants.require(isProbability(dropProbability), "drop probability %s", dropProbability);
    Invariants.require(isProbability(duplicateProbability), "duplicate probability %s",
        duplicateProbability);
    Invariants.require(isProbability(reorderProbability), "reorder probability %s",
        reorderProbability);
    Invariants.require(!reorderWindow.isNegative(), "negative reorder window %s", reorderWindow);
  }

  /** A lossy, chatty, jumbled network: the default for property tests. */
  public static LinkFaults flaky(double drop) {
    return new LinkFaults(drop, drop / 2, 0.1, Duration.ofMillis(20));
  }

  public LinkFaults withDrop(double probability) {
    return new LinkFaults(probability, duplicateProbability, reorderProbability, reorderWindow);
  }

  private static boolean isProbability(double p) {
    return p >= 0 && p <= 1;
  }
}
