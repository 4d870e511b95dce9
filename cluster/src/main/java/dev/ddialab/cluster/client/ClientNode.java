package dev.ddialab.cluster.client;

import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeContext;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.TimerTag;
import dev.ddialab.cluster.history.HistoryRecorder;
import dev.ddialab.cluster.history.OpType;
import dev.ddialab.core.Invariants;
import java.time.Duration;
import java.util.List;

/**
 * A simulated Jepsen client: one operation at a time against one server, recorded in a history
 * with Jepsen's meanings. An operation with no reply within {@code timeout} is recorded
 * {@code INFO} (it may still take effect), and the client continues as a new process, because a
 * process with an open operation must never invoke again.
 *
 * <p>Processes are numbered {@code index, index + stride, index + 2*stride, ...}, so clients never
 * share a process id. The client runs as a node in the simulation, so its timing is part of the
 * seeded run.
 */
public final class ClientNode<M> implements Node<M> {
  /** Settings shared by a simulation's clients. */
  public record Config(Duration timeout, Duration thinkMax, int opsMax) {
    public Config {
      Invariants.require(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
      Invariants.require(opsMax > 0, "opsMax must be positive");
    }
  }

  private record Timeout(long msgId) {}

  private record Think() {}

  private final int index;
  private final int stride;
  private final List<NodeId> targets;
  private final ClientAdapter<M> adapter;
  private final Workload workload;
  private final HistoryRecorder history;
  private final Config config;
  private NodeContext<M> ctx;
  private int process;
  private int issued;
  private long nextMsgId = 1;
  private long outstanding = -1;
  private Invocation current;
  private TimerTag timeoutTimer;

  /**
   * @param targets servers this client talks to; each operation goes to one of them at random
   */
  public ClientNode(int index, int stride, List<NodeId> targets, ClientAdapter<M> adapter,
      Workload workload, HistoryRecorder history, Config config) {
    Invariants.require(!targets.isEmpty(), "a client needs a server to talk to");
    this.index = index;
    this.stride = stride;
    this.process = index;
    this.targets = List.copyOf(targets);
    this.adapter = adapter;
    this.workload = workload;
    this.history = history;
    this.config = config;
  }

  @Override
  public void start(NodeContext<M> context) {
    this.ctx = context;
    think();
  }

  @Override
  public void onMessage(NodeId from, M message) {
    long replyTo = adapter.inReplyTo(message);
    if (outstanding < 0 || replyTo != outstanding) {
      return; // a duplicate, or a reply that arrived after we gave up
    }
    Completion completion = adapter.complete(current, message);
    finish(completion.type(), completion.value());
  }

  @Override
  public void onTimer(TimerTag timer) {
    switch (timer.tag()) {
      case Timeout t when t.msgId() == outstanding -> finish(OpType.INFO, null);
      case Think t -> invoke();
      default -> { }
    }
  }

  /** Operations issued so far. */
  public int issued() {
    return issued;
  }

  public boolean done() {
    return issued >= config.opsMax() && outstanding < 0;
  }

  private void invoke() {
    if (issued >= config.opsMax()) {
      return;
    }
    issued++;
    current = workload.next(ctx.random());
    outstanding = nextMsgId++;
    NodeId target = targets.get(ctx.random().nextInt(targets.size()));
    history.invoke(process, current.f(), current.key(), current.value(), ctx.nanoTime());
    ctx.send(target, adapter.request(current, outstanding));
    timeoutTimer = ctx.schedule(config.timeout(), new Timeout(outstanding));
  }

  private void finish(OpType type, Object value) {
    history.complete(process, type, current.f(), current.key(),
        type == OpType.OK ? value : type == OpType.FAIL ? current.value() : null, ctx.nanoTime());
    ctx.cancel(timeoutTimer);
    outstanding = -1;
    if (type == OpType.INFO) {
      process += stride;
    }
    think();
  }

  private void think() {
    long max = Math.max(1, config.thinkMax().toNanos());
    ctx.schedule(Duration.ofNanos(ctx.random().nextLong(max)), new Think());
  }

  @Override
  public String toString() {
    return "client " + index + " (process " + process + ")";
  }
}
