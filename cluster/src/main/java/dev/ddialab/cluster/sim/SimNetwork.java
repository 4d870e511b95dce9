package dev.ddialab.cluster.sim;

import dev.ddialab.cluster.NodeId;
import dev.ddialab.cluster.trace.TraceEvent.Kind;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The simulated network: per-link latency and faults, and a partition, applied to every message.
 * A partition is checked when a message is sent and again when it would arrive, so messages in
 * flight when a link is cut are lost, as on a real network. Random draws happen only for faults
 * that are configured, so turning a fault off does not shift the random stream of the rest.
 */
final class SimNetwork {
  private final Simulation<?> simulation;
  private final int size;
  private final LatencyModel[] latency;
  private final LinkFaults[] faults;
  private final boolean[] blocked;
  private Partition partition = Partition.none();
  private long sent;
  private long dropped;
  private long duplicated;

  SimNetwork(Simulation<?> simulation, int size, LatencyModel serverLatency,
      LatencyModel clientLatency, LinkFaults serverFaults, LinkFaults clientFaults) {
    this.simulation = simulation;
    this.size = size;
    this.latency = new LatencyModel[size * size];
    this.faults = new LinkFaults[size * size];
    this.blocked = new boolean[size * size];
    for (int from = 0; from < size; from++) {
      for (int to = 0; to < size; to++) {
        boolean clientLink = simulation.slot(from).client || simulation.slot(to).client;
        latency[from * size + to] = clientLink ? clientLatency : serverLatency;
        faults[from * size + to] = clientLink ? clientFaults : serverFaults;
      }
    }
  }

  void send(int from, int to, Object message) {
    sent++;
    int link = from * size + to;
    long now = simulation.nowNanos();
    simulation.trace(now, Kind.SEND, from, to, message, -1);
    LinkFaults f = faults[link];
    RandomGenerator random = simulation.random();
    if (blocked[link] || (f.dropProbability() > 0 && random.nextDouble() < f.dropProbability())) {
      dropped++;
      simulation.trace(now, Kind.DROP, from, to, message, now);
      return;
    }
    simulation.scheduleDelivery(from, to, message, now + delay(link, f, random));
    if (f.duplicateProbability() > 0 && random.nextDouble() < f.duplicateProbability()) {
      duplicated++;
      simulation.trace(now, Kind.DUPLICATE, from, to, message, now);
      simulation.scheduleDelivery(from, to, message, now + delay(link, f, random));
    }
  }

  private long delay(int link, LinkFaults f, RandomGenerator random) {
    long nanos = latency[link].sampleNanos(random);
    if (f.reorderProbability() > 0 && random.nextDouble() < f.reorderProbability()) {
      nanos += random.nextLong(f.reorderWindow().toNanos() + 1);
    }
    return nanos;
  }

  /** Whether a message may cross {@code from -> to} now (checked again on arrival). */
  boolean open(int from, int to) {
    return !blocked[from * size + to];
  }

  void dropped() {
    dropped++;
  }

  void partition(Partition next, List<NodeId> ids) {
    partition = next;
    for (int from = 0; from < size; from++) {
      for (int to = 0; to < size; to++) {
        blocked[from * size + to] = next.blocks(ids.get(from), ids.get(to));
      }
    }
  }

  Partition partition() {
    return partition;
  }

  void setLatency(int from, int to, LatencyModel model) {
    latency[from * size + to] = model;
  }

  void setFaults(int from, int to, LinkFaults linkFaults) {
    faults[from * size + to] = linkFaults;
  }

  long sent() {
    return sent;
  }

  long droppedCount() {
    return dropped;
  }

  long duplicated() {
    return duplicated;
  }
}
