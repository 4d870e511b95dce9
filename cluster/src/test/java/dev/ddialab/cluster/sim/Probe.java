package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.TimerTag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test node that does what it is told and records what happens to it. */
final class Probe implements Node<String> {
  NodeContext<String> ctx;
  final List<String> received = new ArrayList<>();
  final List<Long> receivedAtNanos = new ArrayList<>();
  final List<Object> timers = new ArrayList<>();
  final List<Long> timerAtNanos = new ArrayList<>();

  @Override
  public void start(NodeContext<String> context) {
    this.ctx = context;
  }

  @Override
  public void onMessage(NodeId from, String message) {
    received.add(from + ":" + message);
    receivedAtNanos.add(ctx.nanoTime());
  }

  @Override
  public void onTimer(TimerTag timer) {
    timers.add(timer.tag());
    timerAtNanos.add(ctx.nanoTime());
  }

  TimerTag schedule(Duration after, Object tag) {
    return ctx.schedule(after, tag);
  }
}
