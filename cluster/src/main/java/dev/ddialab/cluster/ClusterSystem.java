package dev.ddialab.cluster;

/**
 * A distributed system runnable by name: in the simulator, as processes ({@code ddia cluster
 * start --system NAME}) and under Maelstrom. {@link #newNode} is called for every incarnation, so
 * a node's volatile state starts empty after a restart.
 */
public interface ClusterSystem<M> {

  /** The name users type, e.g. {@code broadcast}. */
  String name();

  /** One line for {@code --help} and status output. */
  String description();

  Node<M> newNode(NodeId id);

  MessageCodec<M> codec();
}
