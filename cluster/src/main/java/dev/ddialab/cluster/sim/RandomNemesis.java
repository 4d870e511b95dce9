package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.NodeId;
import dev.ddialab.core.Invariants;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Jepsen's alternating nemesis: wait, break something chosen at random, wait, repair it, repeat,
 * until {@code until}; then everything is repaired so the system can settle. One fault at a time,
 * so a failing seed shows one cause. All choices come from the simulation's random source.
 */
public final class RandomNemesis implements Nemesis {
  /** The kinds of fault to choose from. */
  public enum Kind { PARTITION, CRASH, PAUSE, CLOCK }

  private final Set<Kind> kinds;
  private final Duration calmMax;
  private final Duration faultMax;
  private final Duration until;

  /**
   * @param calmMax longest quiet interval between faults
   * @param faultMax longest a fault lasts
   * @param until no fault starts after this; all are repaired by then
   */
  public RandomNemesis(Set<Kind> kinds, Duration calmMax, Duration faultMax, Duration until) {
    Invariants.require(!kinds.isEmpty(), "a nemesis needs at least one kind of fault");
    this.kinds = EnumSet.copyOf(kinds);
    this.calmMax = calmMax;
    this.faultMax = faultMax;
    this.until = until;
  }

  /** Partitions of every shape only. */
  public static RandomNemesis partitions(Duration until) {
    return new RandomNemesis(EnumSet.of(Kind.PARTITION), Duration.ofMillis(500),
        Duration.ofSeconds(2), until);
  }

  @Override
  public void install(Simulation<?> simulation) {
    scheduleNext(simulation);
    simulation.at(until, "nemesis: final repair", () -> repairAll(simulation));
  }

  private void scheduleNext(Simulation<?> sim) {
    Duration calm = randomUpTo(sim.random(), calmMax);
    if (sim.nowNanos() + calm.toNanos() + faultMax.toNanos() >= until.toNanos()) {
      return;
    }
    sim.at(calm, "nemesis: start fault", () -> {
      Runnable repair = inflict(sim);
      sim.at(randomUpTo(sim.random(), faultMax), "nemesis: repair", () -> {
        repair.run();
        scheduleNext(sim);
      });
    });
  }

  /** Inflicts a random fault; returns what repairs it. */
  private Runnable inflict(Simulation<?> sim) {
    RandomGenerator random = sim.random();
    Kind[] choices = kinds.toArray(Kind[]::new);
    Kind kind = choices[random.nextInt(choices.length)];
    List<NodeId> members = sim.members();
    NodeId victim = members.get(random.nextInt(members.size()));
    return switch (kind) {
      case PARTITION -> {
        sim.apply(new Fault.Partitioned(randomPartition(members, random)));
        yield () -> sim.apply(new Fault.Heal());
      }
      case CRASH -> {
        sim.apply(new Fault.Crash(victim));
        yield () -> sim.apply(new Fault.Restart(victim));
      }
      case PAUSE -> {
        sim.apply(new Fault.Pause(victim, randomUpTo(random, faultMax)));
        yield () -> { }; // a pause ends by itself
      }
      case CLOCK -> {
        long millis = random.nextLong(-5_000, 5_001);
        sim.apply(new Fault.ClockStep(victim, millis));
        yield () -> sim.apply(new Fault.ClockStep(victim, -millis));
      }
    };
  }

  /** One of the shapes of DDIA ch. 8 and Jepsen: minority, isolated node, bridge, one-way. */
  static Partition randomPartition(List<NodeId> members, RandomGenerator random) {
    int shape = random.nextInt(members.size() >= 3 ? 4 : 3);
    return switch (shape) {
      case 0 -> Partition.majorityMinority(members, random);
      case 1 -> Partition.isolate(members.get(random.nextInt(members.size())), members);
      case 2 -> {
        NodeId node = members.get(random.nextInt(members.size()));
        List<NodeId> rest = members.stream().filter(m -> !m.equals(node)).toList();
        yield random.nextBoolean() ? Partition.oneWay(List.of(node), rest)
            : Partition.oneWay(rest, List.of(node));
      }
      default -> Partition.bridge(members, random);
    };
  }

  private void repairAll(Simulation<?> sim) {
    sim.apply(new Fault.Heal());
    for (NodeId member : sim.members()) {
      sim.apply(new Fault.Restart(member));
    }
  }

  private static Duration randomUpTo(RandomGenerator random, Duration max) {
    return Duration.ofNanos(1 + random.nextLong(Math.max(1, max.toNanos())));
  }
}
