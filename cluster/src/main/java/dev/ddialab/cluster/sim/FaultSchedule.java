package dev.ddialab.cluster.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scripted nemesis: these faults at these virtual times, e.g. a partition from 1 s to 3 s. */
public final class FaultSchedule implements Nemesis {
  private record Step(Duration at, Fault fault) {}

  private final List<Step> steps = new ArrayList<>();

  public FaultSchedule at(Duration at, Fault fault) {
    steps.add(new Step(at, fault));
    return this;
  }

  @Override
  public void install(Simulation<?> simulation) {
    for (Step step : steps) {
      simulation.at(step.at(), "nemesis " + step.fault(), () -> simulation.apply(step.fault()));
    }
  }
}
