package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.DurableStore;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.TimerTag;
import dev.ddialab.core.Invariants;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The {@link NodeContext} of one incarnation of one simulated node. A context outliving its
 * incarnation (a node that kept it past a crash) can no longer act: its sends and timers vanish.
 */
final class SimContext<M> implements NodeContext<M> {
  private final Simulation<M> simulation;
  private final SimNode<M> slot;
  private final long incarnation;

  SimContext(Simulation<M> simulation, SimNode<M> slot) {
    this.simulation = simulation;
    this.slot = slot;
    this.incarnation = slot.incarnation;
  }

  private boolean live() {
    return slot.up && slot.incarnation == incarnation;
  }

  @Override
  public NodeId self() {
    return slot.id;
  }

  @Override
  public List<NodeId> members() {
    return simulation.members();
  }

  @Override
  public void send(NodeId to, M message) {
    Invariants.requireNonNull(message, "message");
    if (live()) {
      simulation.network().send(slot.index, simulation.indexOf(to), message);
    }
  }

  @Override
  public TimerTag schedule(Duration after, Object tag) {
    Invariants.require(!after.isNegative(), "cannot schedule in the past: %s", after);
    TimerTag timer = slot.newTimer(tag);
    if (live()) {
      simulation.scheduleTimer(slot, incarnation, timer, slot.clock.virtualDelay(after.toNanos()));
    }
    return timer;
  }

  @Override
  public void cancel(TimerTag timer) {
    if (live()) {
      slot.cancelledTimers.add(timer.id());
    }
  }

  @Override
  public long nanoTime() {
    return slot.clock.nanoTime(simulation.nowNanos());
  }

  @Override
  public long wallMillis() {
    return slot.clock.wallMillis(simulation.nowNanos());
  }

  @Override
  public RandomGenerator random() {
    return simulation.random();
  }

  @Override
  public DurableStore disk() {
    return slot.disk;
  }

  @Override
  public void log(String format, Object... args) {
    simulation.log(slot, String.format(format, args));
  }
}
