package dev.ddialab.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.cluster.scenario.BroadcastScenario;
import dev.ddialab.cluster.scenario.RegisterScenario;
import dev.ddialab.cluster.systems.register.SingleCopyRegisterNode;
import dev.ddialab.cluster.trace.TraceSink;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A run is a pure function of its seed (DESIGN.md, "The spine"): the same seed gives the same
 * event trace, bit for bit, with every fault the nemesis can inflict; different seeds differ.
 */
class DeterminismTest {

  @Test
  void theSameSeedReplaysTheSameTraceAndHistory() {
    Seeds.forEach("DeterminismTest", 10, seed -> {
      BroadcastScenario.Report a = BroadcastScenario.run(BroadcastScenario.Config.defaults(), seed,
          TraceSink.NONE);
      BroadcastScenario.Report b = BroadcastScenario.run(BroadcastScenario.Config.defaults(), seed,
          TraceSink.NONE);
      assertThat(a.traceHash()).isEqualTo(b.traceHash());
      assertThat(a.stats()).isEqualTo(b.stats());
      assertThat(a.history()).isEqualTo(b.history());

      RegisterScenario.Config config = RegisterScenario.Config.defaults(
          RegisterScenario.NemesisKind.RANDOM);
      RegisterScenario.Report c = RegisterScenario.run(SingleCopyRegisterNode.SYSTEM, config, seed,
          TraceSink.NONE);
      RegisterScenario.Report d = RegisterScenario.run(SingleCopyRegisterNode.SYSTEM, config, seed,
          TraceSink.NONE);
      assertThat(c.traceHash()).isEqualTo(d.traceHash());
      assertThat(c.history()).isEqualTo(d.history());
    });
  }

  @Test
  void differentSeedsTakeDifferentPaths() {
    Set<Long> hashes = new HashSet<>();
    for (long seed = 1; seed <= 20; seed++) {
      hashes.add(BroadcastScenario.run(BroadcastScenario.Config.defaults(), seed, TraceSink.NONE)
          .traceHash());
    }
    assertThat(hashes).hasSize(20);
  }
}
