package dev.ddialab.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.cluster.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The simulator's fault model, one fault at a time (DDIA ch. 8). */
class SimulatorTest {
  private static final NodeId N1 = NodeId.server(1);
  private static final NodeId N2 = NodeId.server(2);
  private static final NodeId N3 = NodeId.server(3);

  private static Simulation<String> threeProbes(SimulationBuilder<String> builder) {
    return builder.servers(3, id -> new Probe())
        .serverLatency(LatencyModel.constant(Duration.ofMillis(10))).build().start();
  }

  private static Probe probe(Simulation<String> sim, NodeId id) {
    return sim.node(id);
  }

  @Test
  void messagesArriveAfterTheirLatencyInVirtualTime() {
    Simulation<String> sim = threeProbes(Simulation.builder(1));
    probe(sim, N1).ctx.send(N2, "hello");
    sim.run(Duration.ofMillis(9));
    assertThat(probe(sim, N2).received).isEmpty();
    sim.run(Duration.ofMillis(1));
    assertThat(probe(sim, N2).received).containsExactly("n1:hello");
  }

  @Test
  void variableLatencyReordersMessages() {
    Simulation<String> sim = Simulation.<String>builder(3).servers(2, id -> new Probe())
        .serverLatency(LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(50)))
        .build().start();
    for (int i = 0; i < 100; i++) {
      probe(sim, N1).ctx.send(N2, Integer.toString(i));
    }
    sim.run(Duration.ofSeconds(1));
    List<String> got = probe(sim, N2).received;
    assertThat(got).hasSize(100).isNotEqualTo(got.stream().sorted(
        (a, b) -> Integer.compare(Integer.parseInt(a.substring(3)),
            Integer.parseInt(b.substring(3)))).toList());
  }

  @Test
  void dropAndDuplicateProbabilitiesApplyPerMessage() {
    Simulation<String> lossy = threeProbes(Simulation.<String>builder(1)
        .serverFaults(new LinkFaults(1.0, 0, 0, Duration.ZERO)));
    probe(lossy, N1).ctx.send(N2, "lost");
    lossy.run(Duration.ofSeconds(1));
    assertThat(probe(lossy, N2).received).isEmpty();
    assertThat(lossy.stats().messagesDropped()).isEqualTo(1);

    Simulation<String> doubling = threeProbes(Simulation.<String>builder(1)
        .serverFaults(new LinkFaults(0, 1.0, 0, Duration.ZERO)));
    probe(doubling, N1).ctx.send(N2, "twice");
    doubling.run(Duration.ofSeconds(1));
    assertThat(probe(doubling, N2).received).containsExactly("n1:twice", "n1:twice");
  }

  @Test
  void aOneWayPartitionBlocksOneDirectionOnly() {
    Simulation<String> sim = threeProbes(Simulation.builder(1));
    sim.apply(new Fault.Partitioned(Partition.oneWay(List.of(N1), List.of(N2, N3))));
    probe(sim, N1).ctx.send(N2, "out");
    probe(sim, N2).ctx.send(N1, "in");
    sim.run(Duration.ofSeconds(1));
    assertThat(probe(sim, N2).received).isEmpty();
    assertThat(probe(sim, N1).received).containsExactly("n2:in");
  }

  @Test
  void messagesInFlightWhenALinkIsCutAreLost() {
    Simulation<String> sim = threeProbes(Simulation.builder(1));
    probe(sim, N1).ctx.send(N2, "in flight");
    sim.run(Duration.ofMillis(5));
    sim.apply(new Fault.Partitioned(Partition.isolate(N1, sim.members())));
    sim.run(Duration.ofSeconds(1));
    assertThat(probe(sim, N2).received).isEmpty();
    sim.apply(new Fault.Heal());
    probe(sim, N1).ctx.send(N2, "after heal");
    sim.run(Duration.ofSeconds(1));
    assertThat(probe(sim, N2).received).containsExactly("n1:after heal");
  }

  @Test
  void aBridgeLeavesOneNodeTalkingToBothHalves() {
    List<NodeId> members = List.of(N1, N2, N3, NodeId.server(4), NodeId.server(5));
    Partition bridge = Partition.bridge(members, new java.util.SplittableRandom(7));
    long bridgesFound = members.stream().filter(b -> members.stream()
        .noneMatch(o -> bridge.blocks(b, o) || bridge.blocks(o, b))).count();
    assertThat(bridgesFound).isEqualTo(1);
    assertThat(bridge.blockedLinks()).hasSize(8); // 2 x 2 nodes, both directions
  }

  @Test
  void aCrashLosesVolatileStateAndUnsyncedWritesButKeepsSyncedOnes() {
    Simulation<String> sim = threeProbes(Simulation.builder(1));
    Probe before = probe(sim, N1);
    before.ctx.disk().put("synced", "a".getBytes(StandardCharsets.UTF_8));
    before.ctx.disk().sync();
    before.ctx.disk().put("unsynced", "b".getBytes(StandardCharsets.UTF_8));
    before.ctx.disk().put("synced", "overwritten".getBytes(StandardCharsets.UTF_8));
    before.received.add("volatile");
    before.schedule(Duration.ofMillis(1), "timer of the old incarnation");
    sim.apply(new Fault.Crash(N1));
    assertThat(sim.isUp(N1)).isFalse();
    probe(sim, N2).ctx.send(N1, "to a dead node");
    sim.run(Duration.ofSeconds(1));
    sim.apply(new Fault.Restart(N1));
    Probe after = probe(sim, N1);
    assertThat(after).isNotSameAs(before);
    assertThat(after.received).isEmpty();
    assertThat(after.ctx.disk().keys()).containsExactly("synced");
    assertThat(new String(after.ctx.disk().get("synced").orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("a");
    sim.run(Duration.ofSeconds(1));
    assertThat(after.timers).isEmpty();
    assertThat(before.timers).isEmpty();
    assertThat(sim.stats().unsyncedWritesLost()).isEqualTo(2);
  }

  @Test
  void aPausedNodeRunsNothingUntilThePauseEnds() {
    Simulation<String> sim = threeProbes(Simulation.builder(1));
    sim.apply(new Fault.Pause(N2, Duration.ofMillis(500)));
    probe(sim, N1).ctx.send(N2, "waits");
    probe(sim, N2).schedule(Duration.ofMillis(100), "late timer");
    sim.run(Duration.ofMillis(499));
    assertThat(probe(sim, N2).received).isEmpty();
    assertThat(probe(sim, N2).timers).isEmpty();
    sim.run(Duration.ofMillis(2));
    assertThat(probe(sim, N2).received).containsExactly("n1:waits");
    assertThat(probe(sim, N2).timers).containsExactly("late timer");
  }

  @Test
  void clocksDriftAndStepButMonotonicTimeNeverGoesBack() {
    Simulation<String> sim = Simulation.<String>builder(5).servers(3, id -> new Probe())
        .clocks(100_000, 1_000).build().start();
    long[] nanos = new long[3];
    long[] walls = new long[3];
    for (int i = 0; i < 3; i++) {
      nanos[i] = probe(sim, NodeId.server(i + 1)).ctx.nanoTime();
      walls[i] = probe(sim, NodeId.server(i + 1)).ctx.wallMillis();
    }
    sim.run(Duration.ofSeconds(10));
    long[] elapsed = new long[3];
    for (int i = 0; i < 3; i++) {
      elapsed[i] = probe(sim, NodeId.server(i + 1)).ctx.nanoTime() - nanos[i];
      assertThat(elapsed[i]).isBetween(9_000_000_000L, 11_000_000_000L);
    }
    assertThat(elapsed[0]).as("drift differs per node").isNotEqualTo(elapsed[1]);
    long wall = probe(sim, N1).ctx.wallMillis();
    long mono = probe(sim, N1).ctx.nanoTime();
    sim.apply(new Fault.ClockStep(N1, -60_000));
    assertThat(probe(sim, N1).ctx.wallMillis()).isEqualTo(wall - 60_000);
    assertThat(probe(sim, N1).ctx.nanoTime()).isEqualTo(mono);
  }

  @Test
  void aTimerFiresWhenTheNodesOwnClockHasAdvancedByTheDelay() {
    Simulation<String> sim = Simulation.<String>builder(9).servers(2, id -> new Probe())
        .clocks(200_000, 0).build().start();
    for (NodeId id : List.of(N1, N2)) {
      Probe p = probe(sim, id);
      long start = p.ctx.nanoTime();
      p.schedule(Duration.ofSeconds(1), start);
    }
    sim.run(Duration.ofSeconds(3));
    for (NodeId id : List.of(N1, N2)) {
      Probe p = probe(sim, id);
      long waited = p.timerAtNanos.get(0) - (Long) p.timers.get(0);
      assertThat(waited).isBetween(1_000_000_000L, 1_000_000_001L);
    }
  }

  @Test
  void cancelledTimersDoNotFire() {
    Simulation<String> sim = threeProbes(Simulation.builder(1));
    var timer = probe(sim, N1).schedule(Duration.ofMillis(5), "cancelled");
    probe(sim, N1).schedule(Duration.ofMillis(6), "kept");
    probe(sim, N1).ctx.cancel(timer);
    sim.run(Duration.ofSeconds(1));
    assertThat(probe(sim, N1).timers).containsExactly("kept");
  }

  @Test
  void aBrokenInvariantFailsTheRunWithItsSeedAndReplayCommand() {
    AtomicInteger delivered = new AtomicInteger();
    Simulation<String> sim = Simulation.<String>builder(42).servers(2, id -> new Probe())
        .replayCommand("ddia cluster simulate --seed {seed}")
        .invariant(s -> {
          delivered.set(((Probe) s.node(N2)).received.size());
          if (delivered.get() > 1) {
            throw new AssertionError("n2 received more than one message");
          }
        }).build().start();
    probe(sim, N1).ctx.send(N2, "one");
    probe(sim, N1).ctx.send(N2, "two");
    assertThatThrownBy(() -> sim.run(Duration.ofSeconds(1)))
        .isInstanceOf(SimulationFailure.class)
        .hasMessageContaining("n2 received more than one message")
        .hasMessageContaining("seed: 42")
        .hasMessageContaining("replay: ddia cluster simulate --seed 42");
  }

  @Test
  void runUntilStopsAtTheConditionOrTheTimeBound() {
    Simulation<String> sim = threeProbes(Simulation.builder(1));
    probe(sim, N1).ctx.send(N2, "x");
    assertThat(sim.runUntil(s -> !((Probe) s.node(N2)).received.isEmpty(), Duration.ofSeconds(1)))
        .isTrue();
    assertThat(sim.nowNanos()).isEqualTo(10_000_000L);
    assertThat(sim.runUntil(s -> false, Duration.ofSeconds(2))).isFalse();
    assertThat(sim.nowNanos()).isEqualTo(2_010_000_000L);
  }
}
