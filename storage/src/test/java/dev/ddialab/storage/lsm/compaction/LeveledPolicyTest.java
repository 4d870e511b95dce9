package dev.ddialab.storage.lsm.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Bytes;
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
import net.jqwik.api.constraints.IntRange;

/**
 * Leveled compaction as a pure policy (DDIA ch. 3, "leveled compaction"), run in the
 * {@link CheckedSimulator} without disks: whatever is flushed, applying the planned tasks
 * keeps L1+ disjoint, never changes what a read returns, and stops only when L0 is below its
 * trigger and every level L1..L5 is within its size target.
 */
class LeveledPolicyTest {
  // 20 entries per table, L1 of 100 entries, each level 4x the one above: four levels fill fast.
  private final LeveledPolicy policy = new LeveledPolicy(Version.DEFAULT_LEVELS, 4,
      100 * CheckedSimulator.ENTRY_BYTES, 4, 20 * CheckedSimulator.ENTRY_BYTES);

  @Property(tries = 30)
  void levelsStayDisjointAndWithinTheirTargets(@ForAll("workloads") List<Map<Integer, Boolean>> flushes) {
    CompactionSimulator sim = new CheckedSimulator(policy);
    for (Map<Integer, Boolean> flush : flushes) {
      sim.flush(flush);
      sim.compactUntilQuiet(10_000);
      Version v = sim.version();
      assertThat(v.level(0).size()).as("L0 tables").isLessThan(policy.l0CompactionTrigger());
      for (int level = 1; level < v.levelCount() - 1; level++) {
        assertThat(v.levelBytes(level)).as("L%d bytes in %s", level, v)
            .isLessThan(policy.maxBytes(level));
        assertDisjoint(v.level(level));
      }
      assertDisjoint(v.level(v.levelCount() - 1));
    }
  }

  @Provide
  Arbitrary<List<Map<Integer, Boolean>>> workloads() {
    Arbitrary<Map<Integer, Boolean>> flush = Arbitraries.maps(
        Arbitraries.integers().between(0, 3_000), Arbitraries.of(true, true, true, false))
        .ofMinSize(1).ofMaxSize(60);
    return flush.list().ofMinSize(1).ofMaxSize(120);
  }

  private static void assertDisjoint(List<FileMeta> level) {
    for (int i = 1; i < level.size(); i++) {
      assertThat(Bytes.compare(level.get(i - 1).largest(), level.get(i).smallest()))
          .as("%s before %s", level.get(i - 1), level.get(i)).isNegative();
    }
  }

  @Property(tries = 20)
  void aFullCompactionLeavesOneSortedRunWithoutTombstones(@ForAll @IntRange(min = 1, max = 40) int flushes,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    CompactionSimulator sim = new CheckedSimulator(policy);
    Random random = new Random(seed);
    for (int i = 0; i < flushes; i++) {
      sim.flush(randomFlush(random, 3_000, 50));
      sim.compactUntilQuiet(10_000);
    }
    sim.execute(policy.planFull(sim.version()).orElseThrow());
    Version v = sim.version();
    int nonEmpty = 0;
    for (int level = 0; level < v.levelCount(); level++) {
      nonEmpty += v.level(level).isEmpty() ? 0 : 1;
      for (FileMeta f : v.level(level)) {
        assertThat(f.tombstones()).isZero();
      }
    }
    assertThat(nonEmpty).isLessThanOrEqualTo(1);
    assertThat(v.level(0)).isEmpty();
  }

  @Property(tries = 1)
  void aTableWithNothingBelowIsMovedNotRewritten() {
    CompactionSimulator sim = new CheckedSimulator(new LeveledPolicy(Version.DEFAULT_LEVELS, 1,
        1_000 * CheckedSimulator.ENTRY_BYTES, 10, 1_000 * CheckedSimulator.ENTRY_BYTES));
    sim.flush(Map.of(1, true, 2, true, 3, true));
    CompactionTask task = sim.policyPlan();
    assertThat(task.kind()).isEqualTo(CompactionTask.Kind.MOVE);
    assertThat(task.outputLevel()).isEqualTo(1);
    sim.execute(task);
    assertThat(sim.bytesCompacted()).as("a move writes nothing").isZero();
    assertThat(sim.version().level(1)).hasSize(1);
  }

  @Property(tries = 1)
  void levelTargetsGrowBySizeRatio() {
    assertThat(policy.maxBytes(1)).isEqualTo(100 * CheckedSimulator.ENTRY_BYTES);
    assertThat(policy.maxBytes(3)).isEqualTo(16 * policy.maxBytes(1));
    LeveledPolicy defaults = new LeveledPolicy(7, 4, 10L << 20, 10, 2L << 20);
    assertThat(defaults.maxBytes(2)).isEqualTo(100L << 20);
  }

  /**
   * DDIA ch. 3: leveled compaction rewrites data more often than size-tiered. The same seeded
   * workload through both policies shows it, as a simulator can without disks.
   */
  @Property(tries = 1)
  void leveledWritesMoreThanTieredForTheSameWorkload() {
    CompactionSimulator leveled = new CheckedSimulator(policy);
    CompactionSimulator tiered = new CheckedSimulator(
        new TieredPolicy(4, 20 * CheckedSimulator.ENTRY_BYTES, 20));
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      Map<Integer, Boolean> flush = randomFlush(random, 20_000, 20);
      leveled.flush(flush);
      leveled.compactUntilQuiet(10_000);
      tiered.flush(flush);
      tiered.compactUntilQuiet(10_000);
    }
    double leveledAmplification = 1.0 * (leveled.bytesFlushed() + leveled.bytesCompacted())
        / leveled.bytesFlushed();
    double tieredAmplification = 1.0 * (tiered.bytesFlushed() + tiered.bytesCompacted())
        / tiered.bytesFlushed();
    assertThat(leveledAmplification).isGreaterThan(tieredAmplification);
    assertThat(tiered.version().level(0).size()).as("runs a tiered read may visit")
        .isGreaterThan(leveled.version().level(0).size());
  }

  static Map<Integer, Boolean> randomFlush(Random random, int keySpace, int size) {
    Map<Integer, Boolean> flush = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      flush.put(random.nextInt(keySpace), random.nextInt(5) != 0);
    }
    return flush;
  }
}
