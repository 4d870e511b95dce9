package dev.ddialab.cluster.net;

/**
 * Carries envelopes out of a process: TCP to peers and back to clients, or stdout under
 * Maelstrom. {@link #send} never blocks the node's event loop; a message that cannot be queued
 * is dropped, which the {@code Node} contract allows.
 */
public interface Transport extends AutoCloseable {

  void send(Envelope envelope);

  /** Counters for the admin status. */
  default String describe() {
    return "";
  }

  @Override
  default void close() {}
}
