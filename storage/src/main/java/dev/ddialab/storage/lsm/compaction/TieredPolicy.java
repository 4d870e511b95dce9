package dev.ddialab.storage.lsm.compaction;

import dev.ddialab.core.Invariants;
import dev.ddialab.core.Units;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Size-tiered compaction (DDIA ch. 3: "newer and smaller SSTables are successively merged into
 * older and larger SSTables"), in the form RocksDB calls universal compaction: every table is a
 * sorted run, all runs live in L0 ordered newest first, and only runs adjacent in that order are
 * merged, so the runs' sequence ranges never interleave and a point read can still stop at the
 * first run that knows the key.
 *
 * <p>A run's tier is the power of {@code fanout} its size is of {@code baseBytes} (tier 0 is
 * below {@code baseBytes * fanout}, tier 1 below {@code baseBytes * fanout^2}, ...), so runs of a
 * tier are within a factor {@code fanout} of each other. When {@code fanout} or more adjacent
 * runs share a tier they are merged into one run, which lands in a higher tier: each byte is
 * rewritten about once per tier, fewer times than leveled compaction rewrites it, at the price
 * of more runs to read and more space while a big merge runs. If the run count still exceeds
 * {@code maxRuns} (sizes that never line up), the cheapest {@code fanout} adjacent runs are
 * merged, which bounds the runs a read must visit.
 */
public record TieredPolicy(int fanout, long baseBytes, int maxRuns) implements CompactionPolicy {

  public TieredPolicy {
    Invariants.require(fanout >= 2, "fanout %d < 2", fanout);
    Invariants.require(baseBytes > 0, "baseBytes %d <= 0", baseBytes);
    Invariants.require(maxRuns > fanout, "maxRuns %d must exceed fanout %d", maxRuns, fanout);
  }

  @Override
  public CompactionStyle style() {
    return CompactionStyle.TIERED;
  }

  public int tier(long sizeBytes) {
    int tier = 0;
    double limit = (double) baseBytes * fanout;
    // Bounded: the limit grows geometrically past any long.
    while (sizeBytes >= limit) {
      tier++;
      limit *= fanout;
    }
    return tier;
  }

  @Override
  public Optional<CompactionTask> plan(Version version) {
    List<FileMeta> runs = version.level(0);
    int bestStart = -1;
    int bestLength = 0;
    int bestTier = Integer.MAX_VALUE;
    for (int start = 0; start < runs.size(); ) {
      int tier = tier(runs.get(start).sizeBytes());
      int end = start + 1;
      while (end < runs.size() && tier(runs.get(end).sizeBytes()) == tier) {
        end++;
      }
      if (end - start >= fanout && tier < bestTier) {
        bestStart = start;
        bestLength = end - start;
        bestTier = tier;
      }
      start = end;
    }
    if (bestStart >= 0) {
      return Optional.of(merge(version, bestStart, bestLength,
          bestLength + " runs of tier " + bestTier));
    }
    if (runs.size() > maxRuns) {
      int cheapest = 0;
      long cheapestBytes = Long.MAX_VALUE;
      for (int start = 0; start + fanout <= runs.size(); start++) {
        long bytes = 0;
        for (int i = start; i < start + fanout; i++) {
          bytes += runs.get(i).sizeBytes();
        }
        if (bytes < cheapestBytes) {
          cheapest = start;
          cheapestBytes = bytes;
        }
      }
      return Optional.of(merge(version, cheapest, fanout, runs.size() + " runs exceed "
          + maxRuns));
    }
    return Optional.empty();
  }

  private CompactionTask merge(Version version, int start, int length, String reason) {
    List<FileMeta> runs = version.level(0);
    List<CompactionTask.Input> inputs = new ArrayList<>();
    for (int i = start; i < start + length; i++) {
      inputs.add(new CompactionTask.Input(0, runs.get(i)));
    }
    boolean includesOldest = start + length == runs.size()
        && version.deepestNonEmptyLevel() == 0;
    return new CompactionTask(CompactionTask.Kind.MERGE, inputs, 0, includesOldest,
        Long.MAX_VALUE, reason);
  }

  @Override
  public Optional<CompactionTask> planFull(Version version) {
    if (version.fileCount() == 0) {
      return Optional.empty();
    }
    List<CompactionTask.Input> inputs = new ArrayList<>();
    for (int level = 0; level < version.levelCount(); level++) {
      for (FileMeta f : version.level(level)) {
        inputs.add(new CompactionTask.Input(level, f));
      }
    }
    return Optional.of(new CompactionTask(CompactionTask.Kind.MERGE, inputs, 0, true,
        Long.MAX_VALUE, "manual: every run into one"));
  }

  @Override
  public String describe() {
    return "size-tiered (fanout " + fanout + ", tier 0 below "
        + Units.formatBytes(baseBytes * fanout) + ", at most " + maxRuns + " runs)";
  }
}
