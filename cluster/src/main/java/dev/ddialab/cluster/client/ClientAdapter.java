package dev.ddialab.cluster.client;

/**
 * Translates between a client's operations and a protocol's request/reply messages (a Maelstrom
 * workload's client API). Pure functions; shared by simulated and real clients.
 */
public interface ClientAdapter<M> {

  M request(Invocation invocation, long msgId);

  /** The request this message answers, or -1 if it is not a reply. */
  long inReplyTo(M message);

  /**
   * How the operation ended given its reply. An error that proves the operation did not happen
   * (a failed compare) is {@code FAIL}; an error that leaves it uncertain is {@code INFO}.
   */
  Completion complete(Invocation invocation, M reply);
}
