package dev.ddialab.cluster.scenario;

import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.client.ClientAdapter;
import dev.ddialab.cluster.client.ClientNode;
import dev.ddialab.cluster.client.Workload;
import dev.ddialab.cluster.history.HistoryRecorder;
import dev.ddialab.cluster.sim.Simulation;
import dev.ddialab.cluster.sim.SimulationBuilder;
import java.util.List;
import java.util.function.IntFunction;

/** Adds Jepsen-style clients {@code c1..c<count>} to a simulation, all recording one history. */
final class Clients {
  private Clients() {}

  /**
   * @param targets per client index (0-based), the servers it talks to
   */
  static <M> void add(SimulationBuilder<M> builder, int count, ClientAdapter<M> adapter,
      IntFunction<Workload> workloads, IntFunction<List<NodeId>> targets,
      HistoryRecorder history, ClientNode.Config config) {
    for (int i = 0; i < count; i++) {
      int index = i;
      builder.client(NodeId.client(i + 1), id -> new ClientNode<>(index, count,
          targets.apply(index), adapter, workloads.apply(index), history, config));
    }
  }

  /** Whether every client has finished all its operations. */
  static <M> boolean allDone(Simulation<M> sim, int count) {
    for (int i = 1; i <= count; i++) {
      ClientNode<M> client = sim.node(NodeId.client(i));
      if (client == null || !client.done()) {
        return false;
      }
    }
    return true;
  }
}
