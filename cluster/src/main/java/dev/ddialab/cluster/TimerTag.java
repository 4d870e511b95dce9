package dev.ddialab.cluster;

/**
 * A timer a node scheduled: {@code tag} is whatever the node passed to
 * {@link NodeContext#schedule}, handed back to {@link Node#onTimer}; {@code id} is unique within
 * one incarnation of one node and is what {@link NodeContext#cancel} uses.
 */
public record TimerTag(long id, Object tag) {
  @Override
  public String toString() {
    return "timer#" + id + "(" + tag + ")";
  }
}
