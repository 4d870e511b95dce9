package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.NodeId;
import java.time.Duration;

/** A fault the nemesis can inflict (DDIA ch. 8), or its repair. Applied by {@link Simulation#apply}. */
public sealed interface Fault {

  /** Replaces the current partition (use {@link Partition#none()} or {@link Heal} to end it). */
  record Partitioned(Partition partition) implements Fault {}

  /** Ends any partition. */
  record Heal() implements Fault {}

  /** The process dies: volatile state and unsynced writes are lost; timers never fire. */
  record Crash(NodeId node) implements Fault {}

  /** A fresh incarnation starts from what was synced to disk. */
  record Restart(NodeId node) implements Fault {}

  /** A stop-the-world pause (GC, VM migration): no events run on the node until it ends. */
  record Pause(NodeId node, Duration duration) implements Fault {}

  /** The node's time-of-day clock jumps by {@code millis} (negative: backwards). */
  record ClockStep(NodeId node, long millis) implements Fault {}

  /** New loss, duplication and reordering on every server-to-server link. */
  record ServerLinks(LinkFaults faults) implements Fault {}
}
