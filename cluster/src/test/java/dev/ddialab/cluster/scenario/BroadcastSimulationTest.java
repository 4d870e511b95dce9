package dev.ddialab.cluster.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.sim.Seeds;
import dev.ddialab.cluster.trace.TraceSink;
import org.junit.jupiter.api.Test;

/**
 * Maelstrom's broadcast property, in simulation: with 10% message loss, duplication, reordering,
 * and a nemesis partitioning (majority/minority, isolation, bridge, one-way), crashing and pausing
 * nodes, every acknowledged message reaches every node once the faults are repaired.
 */
class BroadcastSimulationTest {

  @Test
  void everyAcknowledgedMessageReachesEveryNodeDespiteFaults() {
    long[] totals = new long[3];
    Seeds.forEach("BroadcastSimulationTest", 200, seed -> {
      BroadcastScenario.Report report = BroadcastScenario.run(
          BroadcastScenario.Config.defaults(), seed, TraceSink.NONE);
      assertThat(report.setFull().lost()).as(report.setFull().summary()).isEmpty();
      assertThat(report.setFull().unexpected()).isEmpty();
      assertThat(report.convergence().converged()).as(report.convergence().explanation())
          .isTrue();
      assertThat(report.acknowledged()).isNotEmpty();
      totals[0] += report.acknowledged().size();
      totals[1] += report.stats().messagesDropped();
      totals[2] += report.stats().crashes();
    });
    // The faults really happened across the seeds (a test whose faults never fire proves nothing).
    assertThat(totals[1]).isPositive();
    assertThat(totals[2]).isPositive();
  }
}
