package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.TimerTag;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One process slot of the simulation: the node object of its current incarnation (null while
 * down), its clock and disk (which outlive crashes), and the timers it cancelled.
 */
final class SimNode<M> {
  final int index;
  final NodeId id;
  final boolean client;
  final Function<NodeId, Node<M>> factory;
  final SimClock clock;
  final SimDisk disk = new SimDisk();
  final Set<Long> cancelledTimers = new HashSet<>();

  Node<M> node;
  SimContext<M> context;
  long incarnation;
  boolean up;
  long pausedUntilNanos;
  long nextTimerId;
  long crashes;

  SimNode(int index, NodeId id, boolean client, Function<NodeId, Node<M>> factory,
      SimClock clock) {
    this.index = index;
    this.id = id;
    this.client = client;
    this.factory = factory;
    this.clock = clock;
  }

  TimerTag newTimer(Object tag) {
    return new TimerTag(nextTimerId++, tag);
  }

  boolean paused(long nowNanos) {
    return pausedUntilNanos > nowNanos;
  }
}
