package dev.ddialab.cluster.scenario;

import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.check.ConvergenceChecker;
import dev.ddialab.cluster.check.SetFullChecker;
import dev.ddialab.cluster.client.ClientNode;
import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryRecorder;
import dev.ddialab.cluster.history.OpType;
import dev.ddialab.cluster.sim.LinkFaults;
import dev.ddialab.cluster.sim.RandomNemesis;
import dev.ddialab.cluster.sim.Simulation;
import dev.ddialab.cluster.sim.SimulationBuilder;
import dev.ddialab.cluster.systems.broadcast.BroadcastClient;
import dev.ddialab.cluster.systems.broadcast.BroadcastMessage;
import dev.ddialab.cluster.systems.broadcast.BroadcastNode;
import dev.ddialab.cluster.trace.TraceSink;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gossip broadcast under a lossy network and a nemesis that partitions (every shape), crashes and
 * pauses nodes; then every fault is repaired, the cluster settles, and the result is checked:
 * every node holds the same set (convergence), which contains every acknowledged broadcast and
 * nothing that was never broadcast (set-full). Nodes' sets must also only ever grow (checked
 * after every event).
 */
public final class BroadcastScenario {
  public record Config(int servers, int clients, int opsPerClient, LinkFaults serverLinks,
      Duration faultsUntil, Duration settle) {
    public static Config defaults() {
      return new Config(5, 3, 30, LinkFaults.flaky(0.1), Duration.ofSeconds(3),
          Duration.ofSeconds(3));
    }
  }

  public record Report(History history, SetFullChecker.Result setFull,
      ConvergenceChecker.Result convergence, Set<Long> acknowledged, Simulation.Stats stats,
      long traceHash) {
    /** Every node holds exactly the same set, containing every acknowledged broadcast. */
    public boolean valid() {
      return setFull.valid() && convergence.converged();
    }
  }

  private BroadcastScenario() {}

  public static Report run(Config config, long seed, TraceSink trace) {
    HistoryRecorder history = new HistoryRecorder();
    SimulationBuilder<BroadcastMessage> builder = Simulation.<BroadcastMessage>builder(seed)
        .servers(config.servers(), BroadcastNode.SYSTEM::newNode)
        .serverFaults(config.serverLinks())
        .trace(trace)
        .invariant(new GrowOnly())
        .replayCommand("ddia cluster simulate --system broadcast --seed {seed}");
    Clients.add(builder, config.clients(), BroadcastClient.ADAPTER, BroadcastClient::workload,
        i -> List.of(NodeId.server(1 + i % config.servers())), history,
        new ClientNode.Config(Duration.ofMillis(500), Duration.ofMillis(100),
            config.opsPerClient()));
    Simulation<BroadcastMessage> sim = builder.build();
    new RandomNemesis(EnumSet.of(RandomNemesis.Kind.PARTITION, RandomNemesis.Kind.CRASH,
        RandomNemesis.Kind.PAUSE), Duration.ofMillis(300), Duration.ofMillis(700),
        config.faultsUntil()).install(sim);
    sim.start();
    sim.runUntil(s -> Clients.allDone(s, config.clients())
        && s.nowNanos() > config.faultsUntil().toNanos(), Duration.ofMinutes(5));
    sim.run(config.settle());
    Map<String, NavigableSet<Long>> sets = new LinkedHashMap<>();
    for (NodeId member : sim.members()) {
      BroadcastNode node = sim.node(member);
      sets.put(member.name(), node == null ? null : new TreeSet<>(node.messages()));
    }
    History h = withFinalReads(history, sets, sim.nowNanos());
    Set<Long> acknowledged = new TreeSet<>();
    for (History.Pair pair : h.pairs()) {
      if (pair.invoke().f().equals("add") && pair.completion() != null
          && pair.completion().type() == OpType.OK) {
        acknowledged.add((Long) pair.invoke().value());
      }
    }
    return new Report(h, SetFullChecker.check(h), ConvergenceChecker.check(sets), acknowledged,
        sim.stats(), sim.traceHash());
  }

  /** Appends one read per node of its final set, as Jepsen's final reads after healing. */
  private static History withFinalReads(HistoryRecorder history,
      Map<String, NavigableSet<Long>> sets, long now) {
    int process = 1_000_000;
    for (NavigableSet<Long> set : sets.values()) {
      history.invoke(process, "read", null, null, now);
      history.complete(process, OpType.OK, "read", null, set == null ? Set.of() : set, now);
      process++;
    }
    return history.history();
  }

  /** A node's set only grows within an incarnation (a restart reloads it from disk). */
  private static final class GrowOnly implements dev.ddialab.cluster.sim.Invariant<BroadcastMessage> {
    private final Map<NodeId, BroadcastNode> incarnation = new LinkedHashMap<>();
    private final Map<NodeId, Integer> sizes = new LinkedHashMap<>();

    @Override
    public void check(Simulation<BroadcastMessage> sim) {
      for (NodeId member : sim.members()) {
        BroadcastNode node = sim.node(member);
        if (node == null) {
          continue;
        }
        int size = node.messages().size();
        if (incarnation.get(member) == node && size < sizes.get(member)) {
          throw new AssertionError(member + "'s set shrank from " + sizes.get(member) + " to "
              + size);
        }
        incarnation.put(member, node);
        sizes.put(member, size);
      }
    }
  }
}
