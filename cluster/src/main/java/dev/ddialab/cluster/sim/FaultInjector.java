package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.trace.TraceEvent.Kind;

/**
 * Applies {@link Fault}s to a simulation: the one place where processes die, come back, pause,
 * have their clocks stepped, and where the network is cut or made lossy. Every fault is traced,
 * so it is part of the trace hash and shows in diagrams.
 */
final class FaultInjector<M> {
  private final Simulation<M> sim;

  FaultInjector(Simulation<M> sim) {
    this.sim = sim;
  }

  void apply(Fault fault) {
    long now = sim.nowNanos();
    switch (fault) {
      case Fault.Partitioned p -> {
        sim.network().partition(p.partition(), sim.ids());
        sim.trace(now, p.partition().isNone() ? Kind.HEAL : Kind.PARTITION, null,
            p.partition().toString());
      }
      case Fault.Heal h -> apply(new Fault.Partitioned(Partition.none()));
      case Fault.Crash c -> crash(sim.slot(c.node()));
      case Fault.Restart r -> restart(sim.slot(r.node()));
      case Fault.Pause p -> {
        SimNode<M> slot = sim.slot(p.node());
        slot.pausedUntilNanos = Math.max(slot.pausedUntilNanos, now + p.duration().toNanos());
        sim.trace(now, Kind.PAUSE, slot.id.name(), p.duration().toString());
      }
      case Fault.ClockStep s -> {
        sim.slot(s.node()).clock.stepWall(s.millis());
        sim.trace(now, Kind.CLOCK, s.node().name(), s.millis() + "ms");
      }
      case Fault.ServerLinks l -> {
        for (SimNode<M> a : sim.slots()) {
          for (SimNode<M> b : sim.slots()) {
            if (!a.client && !b.client) {
              sim.network().setFaults(a.index, b.index, l.faults());
            }
          }
        }
        sim.trace(now, Kind.ACTION, null, "server links " + l.faults());
      }
    }
  }

  /**
   * The process dies: its node object and context are dropped, its incarnation advances (so its
   * pending timers and any context it leaked go dead), and its disk forgets unsynced writes.
   */
  private void crash(SimNode<M> slot) {
    if (!slot.up) {
      return;
    }
    slot.up = false;
    slot.node = null;
    slot.context = null;
    slot.incarnation++;
    slot.crashes++;
    slot.cancelledTimers.clear();
    slot.pausedUntilNanos = 0;
    int lost = slot.disk.crash();
    sim.trace(sim.nowNanos(), Kind.CRASH, slot.id.name(), "unsynced writes lost: " + lost);
  }

  private void restart(SimNode<M> slot) {
    if (slot.up) {
      return;
    }
    sim.trace(sim.nowNanos(), Kind.RESTART, slot.id.name(), "incarnation " + slot.incarnation);
    sim.boot(slot);
  }
}
