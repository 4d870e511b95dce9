package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.TimerTag;
import dev.ddialab.cluster.trace.TraceEvent;
import dev.ddialab.cluster.trace.TraceEvent.Kind;
import dev.ddialab.cluster.trace.TraceHash;
import dev.ddialab.cluster.trace.TraceSink;
import dev.ddialab.core.Invariants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The deterministic simulator (DESIGN.md, "The spine"): a whole cluster, its clients and a nemesis
 * in one thread, on virtual time, with one seeded random source. A run is a pure function of its
 * seed and configuration, so any failure replays exactly: {@link SimulationFailure} carries the
 * seed and the command that replays it.
 *
 * <p>The loop takes the earliest event (a message delivery, a timer, a harness action), runs it,
 * then runs every {@link Invariant}. Faults come from {@link #apply} (a {@link Nemesis} or the
 * test itself): partitions, crash and restart (volatile state and unsynced writes lost), pauses,
 * clock steps, and link loss/duplication/reordering. Not thread-safe: one thread drives a run.
 */
public final class Simulation<M> {
  private final long seed;
  private final SplittableRandom random;
  private final List<SimNode<M>> slots;
  private final List<NodeId> ids;
  private final List<NodeId> members;
  private final Map<NodeId, Integer> indexes = new HashMap<>();
  private final SimNetwork network;
  private final FaultInjector<M> faults;
  private final EventQueue queue;
  private final List<Invariant<M>> invariants;
  private final TraceHash traceHash;
  private final TraceSink trace;
  private final boolean tracing;
  private final String replayCommand;
  private final long eventsMax;
  private long nowNanos;
  private long events;
  private boolean started;

  Simulation(SimulationBuilder<M> b) {
    this.seed = b.seed;
    this.random = new SplittableRandom(b.seed);
    this.replayCommand = b.replayCommand.replace("{seed}", Long.toString(b.seed));
    this.eventsMax = b.eventsMax;
    this.queue = new EventQueue(b.queueCapacityMax);
    this.invariants = List.copyOf(b.invariants);
    this.traceHash = b.hashTrace ? new TraceHash() : null;
    TraceSink sink = traceHash == null ? TraceSink.NONE : traceHash;
    this.trace = sink.and(b.trace);
    this.tracing = trace != TraceSink.NONE;
    List<SimNode<M>> all = new ArrayList<>();
    List<NodeId> servers = new ArrayList<>();
    for (SimulationBuilder.Spec<M> spec : b.specs) {
      int index = all.size();
      long drift = spec.client() || b.clockDriftPpmMax == 0 ? 0
          : random.nextLong(-b.clockDriftPpmMax, b.clockDriftPpmMax + 1);
      long skew = spec.client() || b.clockSkewMillisMax == 0 ? 0
          : random.nextLong(-b.clockSkewMillisMax, b.clockSkewMillisMax + 1);
      long origin = spec.client() ? 0 : random.nextLong(1L << 40);
      all.add(new SimNode<>(index, spec.id(), spec.client(), spec.factory(),
          new SimClock(origin, drift, skew)));
      Invariants.require(indexes.put(spec.id(), index) == null, "node %s added twice", spec.id());
      if (!spec.client()) {
        servers.add(spec.id());
      }
    }
    this.slots = List.copyOf(all);
    this.ids = all.stream().map(s -> s.id).toList();
    this.members = List.copyOf(servers);
    this.network = new SimNetwork(this, slots.size(), b.serverLatency, b.clientLatency,
        b.serverFaults, b.clientFaults);
    this.faults = new FaultInjector<>(this);
    b.linkLatency.forEach((link, model) ->
        network.setLatency(indexOf(link.from()), indexOf(link.to()), model));
  }

  public static <M> SimulationBuilder<M> builder(long seed) {
    return new SimulationBuilder<>(seed);
  }

  // ---- running ----

  /** Starts every node (servers first, in order, then clients) at time 0. Idempotent. */
  public Simulation<M> start() {
    if (!started) {
      started = true;
      for (SimNode<M> slot : slots) {
        guarded("start " + slot.id, () -> boot(slot));
      }
    }
    return this;
  }

  /** Runs every event up to {@code duration} from now; the clock then stands at that instant. */
  public Simulation<M> run(Duration duration) {
    runUntil(sim -> false, duration);
    return this;
  }

  /**
   * Runs until {@code done} holds (checked after every event) or {@code max} virtual time has
   * passed. Returns whether {@code done} was reached.
   */
  public boolean runUntil(Predicate<Simulation<M>> done, Duration max) {
    start();
    long end = Math.addExact(nowNanos, max.toNanos());
    while (queue.peekTime() <= end) {
      step();
      if (done.test(this)) {
        return true;
      }
    }
    nowNanos = end;
    return done.test(this);
  }

  private void step() {
    SimEvent event = queue.poll();
    Invariants.check(event.timeNanos >= nowNanos, "time went backwards: %d -> %d", nowNanos,
        event.timeNanos);
    nowNanos = event.timeNanos;
    if (++events > eventsMax) {
      throw failure("more than " + eventsMax + " events: livelock, or raise eventsMax", null);
    }
    try {
      dispatch(event);
      for (int i = 0; i < invariants.size(); i++) {
        invariants.get(i).check(this);
      }
    } catch (SimulationFailure f) {
      throw f;
    } catch (RuntimeException | Error e) {
      throw failure("at " + Duration.ofNanos(nowNanos) + ", event " + describe(event) + ": " + e,
          e);
    }
  }

  private void dispatch(SimEvent event) {
    switch (event) {
      case SimEvent.Delivery d -> deliver(d);
      case SimEvent.TimerFire t -> fire(t);
      case SimEvent.Action a -> {
        trace(nowNanos, Kind.ACTION, null, a.name);
        a.body.run();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(SimEvent.Delivery d) {
    SimNode<M> to = slots.get(d.to);
    if (!to.up || !network.open(d.from, d.to)) {
      network.dropped();
      trace(nowNanos, Kind.DROP, d.from, d.to, d.message, d.sentNanos);
      return;
    }
    if (to.paused(nowNanos)) {
      queue.add(d, to.pausedUntilNanos);
      return;
    }
    trace(nowNanos, Kind.DELIVER, d.to, d.from, d.message, d.sentNanos);
    to.node.onMessage(ids.get(d.from), (M) d.message);
  }

  private void fire(SimEvent.TimerFire t) {
    SimNode<M> slot = slots.get(t.node);
    if (!slot.up || slot.incarnation != t.incarnation || slot.cancelledTimers.remove(t.tag.id())) {
      return;
    }
    if (slot.paused(nowNanos)) {
      queue.add(t, slot.pausedUntilNanos);
      return;
    }
    trace(nowNanos, Kind.TIMER, slot.id.name(), String.valueOf(t.tag.tag()));
    slot.node.onTimer(t.tag);
  }

  // ---- faults ----

  /** Inflicts or repairs a fault now. */
  public void apply(Fault fault) {
    faults.apply(fault);
  }

  void boot(SimNode<M> slot) {
    slot.up = true;
    slot.node = slot.factory.apply(slot.id);
    slot.context = new SimContext<>(this, slot);
    slot.node.start(slot.context);
  }

  /** Runs {@code body} as a harness action {@code after} from now, in event order. */
  public void at(Duration after, String name, Runnable body) {
    queue.add(new SimEvent.Action(name, body), Math.addExact(nowNanos, after.toNanos()));
  }

  // ---- what nodes and the network call ----

  void scheduleTimer(SimNode<M> slot, long incarnation, TimerTag timer, long delayNanos) {
    queue.add(new SimEvent.TimerFire(slot.index, incarnation, timer),
        Math.addExact(nowNanos, delayNanos));
  }

  void scheduleDelivery(int from, int to, Object message, long atNanos) {
    queue.add(new SimEvent.Delivery(from, to, message, nowNanos), atNanos);
  }

  void trace(long time, Kind kind, int node, int peer, Object message, long sentNanos) {
    if (tracing) {
      trace.accept(new TraceEvent(time, kind, ids.get(node).name(), ids.get(peer).name(),
          message.toString(), sentNanos));
    }
  }

  void trace(long time, Kind kind, String node, String detail) {
    if (tracing) {
      trace.accept(new TraceEvent(time, kind, node, null, detail, -1));
    }
  }

  void log(SimNode<M> slot, String line) {
    trace(nowNanos, Kind.LOG, slot.id.name(), line);
  }

  SimNetwork network() {
    return network;
  }

  SimNode<M> slot(int index) {
    return slots.get(index);
  }

  SimNode<M> slot(NodeId id) {
    return slots.get(indexOf(id));
  }

  int indexOf(NodeId id) {
    Integer index = indexes.get(id);
    Invariants.require(index != null, "no node %s in this simulation", id);
    return index;
  }

  private void guarded(Object event, Runnable body) {
    try {
      body.run();
    } catch (SimulationFailure f) {
      throw f;
    } catch (RuntimeException | Error e) {
      throw failure("at " + Duration.ofNanos(nowNanos) + ", event " + describe(event) + ": " + e,
          e);
    }
  }

  private String describe(Object event) {
    return switch (event) {
      case SimEvent.Delivery d -> "deliver " + ids.get(d.from) + "->" + ids.get(d.to) + " "
          + d.message;
      case SimEvent.TimerFire t -> "timer " + ids.get(t.node) + " " + t.tag;
      case SimEvent.Action a -> "action " + a.name;
      default -> String.valueOf(event);
    };
  }

  /** A failure of this run, with its seed and replay command. */
  public SimulationFailure failure(String what, Throwable cause) {
    return new SimulationFailure(seed, replayCommand, what, cause);
  }

  // ---- what tests, invariants and nemeses read ----

  public long seed() {
    return seed;
  }

  public String replayCommand() {
    return replayCommand;
  }

  public long nowNanos() {
    return nowNanos;
  }

  public RandomGenerator random() {
    return random;
  }

  public List<NodeId> members() {
    return members;
  }

  /** Every process, servers then clients. */
  public List<NodeId> processes() {
    return ids;
  }

  /** The live node object of {@code id}, or null while it is down. */
  @SuppressWarnings("unchecked")
  public <N extends Node<M>> N node(NodeId id) {
    return (N) slot(id).node;
  }

  public boolean isUp(NodeId id) {
    return slot(id).up;
  }

  public Partition partition() {
    return network.partition();
  }

  /** Events processed so far. */
  public long events() {
    return events;
  }

  /** The hash of every step so far (see {@link TraceHash}); 0 if hashing was turned off. */
  public long traceHash() {
    return traceHash == null ? 0 : traceHash.value();
  }

  public Stats stats() {
    long syncs = 0;
    long lost = 0;
    long crashes = 0;
    for (SimNode<M> slot : slots) {
      syncs += slot.disk.syncs();
      lost += slot.disk.writesLost();
      crashes += slot.crashes;
    }
    return new Stats(events, nowNanos, network.sent(), network.droppedCount(),
        network.duplicated(), crashes, syncs, lost);
  }

  /** Counters of a run so far. */
  public record Stats(long events, long virtualNanos, long messagesSent, long messagesDropped,
      long messagesDuplicated, long crashes, long syncs, long unsyncedWritesLost) {}

  /** Every process slot, servers then clients; unmodifiable. */
  List<SimNode<M>> slots() {
    return slots;
  }

  List<NodeId> ids() {
    return ids;
  }
}
