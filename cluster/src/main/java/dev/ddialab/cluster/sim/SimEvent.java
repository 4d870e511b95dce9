package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.TimerTag;

/**
 * Something that happens at a virtual instant. Events at the same instant run in the order they
 * were scheduled ({@code seq}), which is what makes a run a pure function of its seed.
 */
abstract sealed class SimEvent permits SimEvent.Delivery, SimEvent.TimerFire, SimEvent.Action {
  long timeNanos;
  long seq;

  /** A message arriving at {@code to}. */
  static final class Delivery extends SimEvent {
    final int from;
    final int to;
    final Object message;
    final long sentNanos;

    Delivery(int from, int to, Object message, long sentNanos) {
      this.from = from;
      this.to = to;
      this.message = message;
      this.sentNanos = sentNanos;
    }
  }

  /** A node's timer; ignored if the node has crashed since ({@code incarnation} differs). */
  static final class TimerFire extends SimEvent {
    final int node;
    final long incarnation;
    final TimerTag tag;

    TimerFire(int node, long incarnation, TimerTag tag) {
      this.node = node;
      this.incarnation = incarnation;
      this.tag = tag;
    }
  }

  /** Harness work: a nemesis step, a scheduled check, a pause ending. */
  static final class Action extends SimEvent {
    final String name;
    final Runnable body;

    Action(String name, Runnable body) {
      this.name = name;
      this.body = body;
    }
  }
}
