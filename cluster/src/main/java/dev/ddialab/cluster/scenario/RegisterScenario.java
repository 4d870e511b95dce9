package dev.ddialab.cluster.scenario;

import dev.ddialab.cluster.ClusterSystem;
import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.check.LinearizabilityChecker;
import dev.ddialab.cluster.check.LinearizabilityResult;
import dev.ddialab.cluster.check.Models;
import dev.ddialab.cluster.client.ClientNode;
import dev.ddialab.cluster.history.History;
import dev.ddialab.cluster.history.HistoryRecorder;
import dev.ddialab.cluster.sim.Fault;
import dev.ddialab.cluster.sim.FaultSchedule;
import dev.ddialab.cluster.sim.LinkFaults;
import dev.ddialab.cluster.sim.Nemesis;
import dev.ddialab.cluster.sim.Partition;
import dev.ddialab.cluster.sim.RandomNemesis;
import dev.ddialab.cluster.sim.Simulation;
import dev.ddialab.cluster.sim.SimulationBuilder;
import dev.ddialab.cluster.systems.register.KvClient;
import dev.ddialab.cluster.systems.register.KvMessage;
import dev.ddialab.cluster.trace.TraceSink;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * A lin-kv register system under clients and a nemesis, checked for linearizability: the
 * experiment of DDIA ch. 9 run on a simulated cluster. Two nemeses: {@code PARTITION} cuts the
 * first server off from the others between 0.5 s and 2.5 s (the scripted case the tour shows),
 * and {@code RANDOM} draws partitions of every shape, crashes, pauses and clock steps from the
 * seed.
 */
public final class RegisterScenario {
  public enum NemesisKind { NONE, PARTITION, RANDOM }

  public record Config(int servers, int clients, int opsPerClient, int keys,
      NemesisKind nemesis, LinkFaults serverLinks, Duration clientTimeout) {
    public static Config defaults(NemesisKind nemesis) {
      return new Config(3, 4, 50, 2, nemesis, LinkFaults.NONE, Duration.ofMillis(300));
    }
  }

  public record Report(History history, LinearizabilityResult result, Simulation.Stats stats,
      long traceHash) {}

  private RegisterScenario() {}

  /** A finished run: the simulation (still able to run on) and the clients' history. */
  public record Run(Simulation<KvMessage> simulation, History history) {}

  /** Simulates until every client has finished, then checks the history. */
  public static Report run(ClusterSystem<KvMessage> system, Config config, long seed,
      TraceSink trace) {
    Run run = simulate(system, config, seed, trace);
    LinearizabilityResult result = new LinearizabilityChecker(Models.perKey(
        Models.casRegister(null)), 20_000_000L, Duration.ofSeconds(30)).check(run.history());
    return new Report(run.history(), result, run.simulation().stats(),
        run.simulation().traceHash());
  }

  /** Simulates until every client has finished. */
  public static Run simulate(ClusterSystem<KvMessage> system, Config config, long seed,
      TraceSink trace) {
    HistoryRecorder history = new HistoryRecorder();
    SimulationBuilder<KvMessage> builder = Simulation.<KvMessage>builder(seed)
        .servers(config.servers(), system::newNode)
        .serverFaults(config.serverLinks())
        .clocks(200, 50)
        .trace(trace)
        .replayCommand("ddia cluster simulate --system " + system.name() + " --nemesis "
            + config.nemesis().name().toLowerCase(java.util.Locale.ROOT) + " --seed {seed}");
    // Client i talks to server (i mod servers): every replica serves someone.
    Clients.add(builder, config.clients(), KvClient.ADAPTER, i -> KvClient.workload(config.keys()),
        i -> List.of(NodeId.server(1 + i % config.servers())), history,
        new ClientNode.Config(config.clientTimeout(), Duration.ofMillis(100),
            config.opsPerClient()));
    Simulation<KvMessage> sim = builder.build();
    nemesis(config).install(sim);
    sim.start();
    boolean done = sim.runUntil(s -> Clients.allDone(s, config.clients()), Duration.ofMinutes(5));
    if (!done) {
      throw sim.failure("clients did not finish within 5 virtual minutes", null);
    }
    return new Run(sim, history.history());
  }

  private static Nemesis nemesis(Config config) {
    return switch (config.nemesis()) {
      case NONE -> sim -> { };
      case PARTITION -> sim -> new FaultSchedule()
          .at(Duration.ofMillis(500), new Fault.Partitioned(
              Partition.isolate(NodeId.server(1), sim.members())))
          .at(Duration.ofMillis(2500), new Fault.Heal())
          .install(sim);
      case RANDOM -> new RandomNemesis(EnumSet.allOf(RandomNemesis.Kind.class),
          Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofSeconds(4));
    };
  }
}
