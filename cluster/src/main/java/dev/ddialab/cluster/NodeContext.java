package dev.ddialab.cluster;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link Node} may do to the world. Each runtime implements it: the simulator with
 * virtual time, a seeded random source and a faulty in-memory network and disk; the process
 * runtime with real clocks, TCP and files.
 *
 * <p>Methods may be called only from inside the node's callbacks (they are not thread-safe, and in
 * the simulator there is no "outside"). Nothing here blocks.
 */
public interface NodeContext<M> {

  /** This node's name. */
  NodeId self();

  /** Every server in the cluster, this node included, in a stable order. Clients are not members. */
  List<NodeId> members();

  /**
   * Queues {@code message} for {@code to} and returns at once. Delivery is not guaranteed (see the
   * {@link Node} contract); sending to oneself goes through the network too.
   */
  void send(NodeId to, M message);

  /** Calls {@link Node#onTimer} with a tag carrying {@code tag} once {@code after} has passed. */
  TimerTag schedule(Duration after, Object tag);

  /** Cancels a timer of this incarnation; cancelling a fired or unknown timer does nothing. */
  void cancel(TimerTag timer);

  /** This node's monotonic clock (may drift from others'); only differences mean anything. */
  long nanoTime();

  /** This node's time-of-day clock in epoch milliseconds: skewed, and may jump (DDIA ch. 8). */
  long wallMillis();

  /** The only source of randomness a node may use (seeded in simulation). */
  RandomGenerator random();

  /** This node's durable store; see {@link DurableStore} for what survives a crash. */
  DurableStore disk();

  /** A diagnostic line, kept in the trace (simulation) or written to stderr (processes). */
  default void log(String format, Object... args) {}
}
