package dev.ddialab.cluster;

/**
 * A protocol core: a deterministic state machine that reacts to messages and timers and acts only
 * through its {@link NodeContext} (DDIA ch. 8, and DESIGN.md "The spine"). The same node runs in
 * the simulator ({@code cluster.sim}) and as a real process over TCP ({@code cluster.net}).
 *
 * <p>The contract a node must be written against, because both runtimes deliver exactly this:
 * <ul>
 *   <li>Messages may be lost, duplicated, delayed without bound and reordered, between any two
 *       nodes, in each direction independently (partitions may be one-way).
 *   <li>Timers fire on the runtime's clock, no earlier than asked (measured by the node's own
 *       possibly drifting clock), and possibly much later (the process may be paused).
 *   <li>A crash loses every field of the node object; the runtime builds a fresh node and calls
 *       {@link #start} again. What survives is exactly what was {@link DurableStore#sync synced}
 *       to {@link NodeContext#disk()}; unsynced writes may or may not survive.
 *   <li>Callbacks are never concurrent: one node sees one event at a time. A node never blocks,
 *       sleeps, reads a real clock, makes its own randomness or starts a thread.
 * </ul>
 *
 * @param <M> the protocol's message type, usually a sealed interface of records
 */
public interface Node<M> {

  /** Called once per incarnation, before any other callback; may read durable state. */
  void start(NodeContext<M> context);

  /** A message arrived from {@code from} (a server or a client). */
  void onMessage(NodeId from, M message);

  /** A timer scheduled by this incarnation fired and was not cancelled. */
  default void onTimer(TimerTag timer) {}
}
