package dev.ddialab.storage.lsm.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.Version;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Size-tiered compaction as a pure policy (DDIA ch. 3, "size-tiered compaction"), run in the
 * {@link CheckedSimulator}: runs of a tier merge into the next tier, only adjacent runs are
 * merged (so runs stay ordered by age and reads stay correct), and the run count stays bounded.
 */
class TieredPolicyTest {
  private static final int BASE = 20 * CheckedSimulator.ENTRY_BYTES;
  private final TieredPolicy policy = new TieredPolicy(4, BASE, 12);

  @Property(tries = 1)
  void fourRunsOfATierMergeIntoOneOfTheNextTier() {
    CompactionSimulator sim = new CheckedSimulator(policy);
    for (int run = 0; run < 3; run++) {
      sim.flush(distinctKeys(run * 20, 20));
      assertThat(policy.plan(sim.version())).as("%d runs of tier 0", run + 1).isEmpty();
    }
    sim.flush(distinctKeys(60, 20));
    CompactionTask task = policy.plan(sim.version()).orElseThrow();
    assertThat(task.inputs()).hasSize(4);
    assertThat(task.dropTombstones()).as("the merge includes the oldest run").isTrue();
    sim.execute(task);
    List<FileMeta> runs = sim.version().level(0);
    assertThat(runs).hasSize(1);
    assertThat(policy.tier(runs.getFirst().sizeBytes())).isEqualTo(1);
  }

  @Property(tries = 1)
  void tiersCascade() {
    CompactionSimulator sim = new CheckedSimulator(policy);
    for (int run = 0; run < 16; run++) {
      sim.flush(distinctKeys(run * 20, 20));
      sim.compactUntilQuiet(1_000);
    }
    // 16 flushes of tier 0 -> 4 runs of tier 1 -> one run of tier 2.
    List<FileMeta> runs = sim.version().level(0);
    assertThat(runs).hasSize(1);
    assertThat(policy.tier(runs.getFirst().sizeBytes())).isEqualTo(2);
    assertThat(sim.bytesCompacted()).as("each entry rewritten once per tier")
        .isEqualTo(2 * 16 * 20 * CheckedSimulator.ENTRY_BYTES);
  }

  @Property(tries = 60)
  void runsStayOrderedBoundedAndMerged(@ForAll("workloads") List<Map<Integer, Boolean>> flushes) {
    CompactionSimulator sim = new CheckedSimulator(policy);
    for (Map<Integer, Boolean> flush : flushes) {
      sim.flush(flush);
      sim.compactUntilQuiet(10_000);
      List<FileMeta> runs = sim.version().level(0);
      assertThat(runs.size()).isLessThanOrEqualTo(policy.maxRuns());
      int sameTier = 1;
      for (int i = 1; i < runs.size(); i++) {
        boolean same = policy.tier(runs.get(i).sizeBytes()) == policy.tier(runs.get(i - 1).sizeBytes());
        sameTier = same ? sameTier + 1 : 1;
        assertThat(sameTier).as("adjacent runs of one tier left unmerged in %s", runs)
            .isLessThan(policy.fanout());
      }
      for (int level = 1; level < sim.version().levelCount(); level++) {
        assertThat(sim.version().level(level)).isEmpty();
      }
    }
  }

  @Provide
  Arbitrary<List<Map<Integer, Boolean>>> workloads() {
    Arbitrary<Map<Integer, Boolean>> flush = Arbitraries.maps(
        Arbitraries.integers().between(0, 2_000), Arbitraries.of(true, true, true, false))
        .ofMinSize(1).ofMaxSize(80);
    return flush.list().ofMinSize(1).ofMaxSize(150);
  }

  @Property(tries = 1)
  void aFullCompactionLeavesOneRun() {
    CompactionSimulator sim = new CheckedSimulator(policy);
    Random random = new Random(3);
    for (int i = 0; i < 30; i++) {
      sim.flush(LeveledPolicyTest.randomFlush(random, 1_000, 30));
      sim.compactUntilQuiet(1_000);
    }
    sim.execute(policy.planFull(sim.version()).orElseThrow());
    assertThat(sim.version().level(0)).hasSize(1);
    assertThat(sim.version().level(0).getFirst().tombstones()).isZero();
    assertThat(policy.planFull(Version.empty(Version.DEFAULT_LEVELS))).isEmpty();
  }

  private static Map<Integer, Boolean> distinctKeys(int from, int count) {
    Map<Integer, Boolean> keys = new TreeMap<>();
    for (int k = from; k < from + count; k++) {
      keys.put(k, true);
    }
    return keys;
  }
}
