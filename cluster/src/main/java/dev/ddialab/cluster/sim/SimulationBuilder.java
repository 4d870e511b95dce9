package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.Node;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.trace.TraceSink;
import dev.ddialab.core.Invariants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Configures a {@link Simulation}. Defaults: 1-5 ms uniform latency between servers, 0.5-1 ms
 * between clients and servers, no loss, no clock skew, trace hashing on, and a replay command
 * that names the seed.
 */
public final class SimulationBuilder<M> {
  record Spec<M>(NodeId id, boolean client, Function<NodeId, Node<M>> factory) {}

  final long seed;
  final List<Spec<M>> specs = new ArrayList<>();
  final List<Invariant<M>> invariants = new ArrayList<>();
  final Map<Partition.Link, LatencyModel> linkLatency = new LinkedHashMap<>();
  LatencyModel serverLatency = LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(5));
  LatencyModel clientLatency =
      LatencyModel.uniform(Duration.ofNanos(500_000), Duration.ofMillis(1));
  LinkFaults serverFaults = LinkFaults.NONE;
  LinkFaults clientFaults = LinkFaults.NONE;
  long clockDriftPpmMax;
  long clockSkewMillisMax;
  boolean hashTrace = true;
  TraceSink trace = TraceSink.NONE;
  String replayCommand = "(no replay command configured; rerun with seed {seed})";
  long eventsMax = 200_000_000L;
  int queueCapacityMax = 10_000_000;

  SimulationBuilder(long seed) {
    this.seed = seed;
  }

  /** Servers {@code n1..n<count>}, each built by {@code factory} at start and every restart. */
  public SimulationBuilder<M> servers(int count, Function<NodeId, Node<M>> factory) {
    for (int i = 1; i <= count; i++) {
      server(NodeId.server(i), factory);
    }
    return this;
  }

  public SimulationBuilder<M> server(NodeId id, Function<NodeId, Node<M>> factory) {
    specs.add(new Spec<>(id, false, factory));
    return this;
  }

  /** A client process: a node too, but not a member, with a true clock. */
  public SimulationBuilder<M> client(NodeId id, Function<NodeId, Node<M>> factory) {
    specs.add(new Spec<>(id, true, factory));
    return this;
  }

  public SimulationBuilder<M> serverLatency(LatencyModel model) {
    this.serverLatency = Invariants.requireNonNull(model, "model");
    return this;
  }

  public SimulationBuilder<M> clientLatency(LatencyModel model) {
    this.clientLatency = Invariants.requireNonNull(model, "model");
    return this;
  }

  /** Latency of one directed link, overriding the defaults (e.g. a slow cross-region link). */
  public SimulationBuilder<M> linkLatency(NodeId from, NodeId to, LatencyModel model) {
    linkLatency.put(new Partition.Link(from, to), model);
    return this;
  }

  public SimulationBuilder<M> serverFaults(LinkFaults faults) {
    this.serverFaults = Invariants.requireNonNull(faults, "faults");
    return this;
  }

  public SimulationBuilder<M> clientFaults(LinkFaults faults) {
    this.clientFaults = Invariants.requireNonNull(faults, "faults");
    return this;
  }

  /**
   * Each server's clock runs fast or slow by a random drift in [-max, max] ppm, and its
   * time-of-day clock starts off by a random skew in [-max, max] ms.
   */
  public SimulationBuilder<M> clocks(long driftPpmMax, long skewMillisMax) {
    Invariants.require(driftPpmMax >= 0 && driftPpmMax < 500_000, "drift %d ppm", driftPpmMax);
    Invariants.require(skewMillisMax >= 0, "skew %d ms", skewMillisMax);
    this.clockDriftPpmMax = driftPpmMax;
    this.clockSkewMillisMax = skewMillisMax;
    return this;
  }

  public SimulationBuilder<M> invariant(Invariant<M> invariant) {
    invariants.add(invariant);
    return this;
  }

  /** Also send every event to {@code sink} (a trace file, a buffer for a diagram). */
  public SimulationBuilder<M> trace(TraceSink sink) {
    this.trace = this.trace.and(sink);
    return this;
  }

  /** Turns the trace hash off: only for benchmarks, where rendering messages would dominate. */
  public SimulationBuilder<M> hashTrace(boolean on) {
    this.hashTrace = on;
    return this;
  }

  /** The command printed with a failure; {@code {seed}} is replaced by the seed. */
  public SimulationBuilder<M> replayCommand(String template) {
    this.replayCommand = Invariants.requireNonNull(template, "template");
    return this;
  }

  public SimulationBuilder<M> eventsMax(long max) {
    Invariants.require(max > 0, "eventsMax must be positive");
    this.eventsMax = max;
    return this;
  }

  public Simulation<M> build() {
    Invariants.require(specs.stream().anyMatch(s -> !s.client()), "a simulation needs a server");
    return new Simulation<>(this);
  }
}
