package dev.ddialab.storage.lsm.compaction;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import dev.ddialab.core.Units;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Leveled compaction, as LevelDB and RocksDB do it (DDIA ch. 3: "the key range is split up into
 * smaller SSTables and older data is moved into separate levels"). L0 holds flushed tables, which
 * may overlap; each level L1+ holds disjoint tables and may grow to {@code level1Bytes *
 * sizeRatio^(n-1)}. A level's score is its size over its target (for L0, its table count over
 * {@code l0CompactionTrigger}); the level with the highest score of at least 1 is compacted:
 *
 * <ul>
 *   <li>L0: every L0 table, with the L1 tables they overlap, into L1.
 *   <li>Ln: the one table whose overlap with Ln+1 is smallest relative to its own size (RocksDB's
 *       {@code kMinOverlappingRatio}, which writes the fewest bytes per byte moved), with the Ln+1
 *       tables it overlaps, into Ln+1. Without any overlap the table is moved, not rewritten.
 * </ul>
 *
 * The last level has no target. Each task's output spans the union of its inputs, and the Ln+1
 * inputs are exactly the tables of Ln+1 that meet that union, so Ln+1 stays disjoint.
 */
public record LeveledPolicy(int levels, int l0CompactionTrigger, long level1Bytes, int sizeRatio,
    long tableBytes) implements CompactionPolicy {

  public LeveledPolicy {
    Invariants.require(levels >= 2, "levels %d < 2", levels);
    Invariants.require(l0CompactionTrigger >= 1, "l0CompactionTrigger %d < 1", l0CompactionTrigger);
    Invariants.require(level1Bytes > 0 && tableBytes > 0, "sizes must be positive");
    Invariants.require(sizeRatio >= 2, "sizeRatio %d < 2", sizeRatio);
  }

  @Override
  public CompactionStyle style() {
    return CompactionStyle.LEVELED;
  }

  /** The size level {@code level >= 1} may grow to before it is compacted. */
  public long maxBytes(int level) {
    Invariants.require(level >= 1, "L0 is bounded by table count, not bytes");
    double bytes = level1Bytes * Math.pow(sizeRatio, level - 1);
    return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
  }

  /** How far over its target a level is; compaction is due at 1. The last level scores 0. */
  public double score(Version version, int level) {
    if (level == 0) {
      return (double) version.level(0).size() / l0CompactionTrigger;
    }
    if (level >= version.levelCount() - 1) {
      return 0;
    }
    return (double) version.levelBytes(level) / maxBytes(level);
  }

  @Override
  public Optional<CompactionTask> plan(Version version) {
    int best = -1;
    double bestScore = 1.0;
    for (int level = 0; level < version.levelCount() - 1; level++) {
      double score = score(version, level);
      if (score >= bestScore && (best < 0 || score > bestScore)) {
        best = level;
        bestScore = score;
      }
    }
    if (best < 0) {
      return Optional.empty();
    }
    String reason = String.format("L%d score %.2f", best, bestScore);
    return Optional.of(best == 0 ? planLevel0(version, reason) : planLevel(version, best, reason));
  }

  private CompactionTask planLevel0(Version version, String reason) {
    List<FileMeta> level0 = version.level(0);
    byte[] from = level0.get(0).smallest();
    byte[] to = level0.get(0).largest();
    for (FileMeta f : level0) {
      from = Bytes.compare(f.smallest(), from) < 0 ? f.smallest() : from;
      to = Bytes.compare(f.largest(), to) > 0 ? f.largest() : to;
    }
    List<FileMeta> level1 = version.overlapping(1, from, to);
    if (level0.size() == 1 && level1.isEmpty()) {
      return move(version, 0, level0.get(0), reason);
    }
    List<CompactionTask.Input> inputs = new ArrayList<>();
    level0.forEach(f -> inputs.add(new CompactionTask.Input(0, f)));
    level1.forEach(f -> inputs.add(new CompactionTask.Input(1, f)));
    return merge(version, inputs, 1, reason);
  }

  private CompactionTask planLevel(Version version, int level, String reason) {
    FileMeta chosen = null;
    List<FileMeta> chosenOverlap = null;
    double chosenRatio = Double.MAX_VALUE;
    for (FileMeta f : version.level(level)) {
      List<FileMeta> overlap = version.overlapping(level + 1, f.smallest(), f.largest());
      long overlapBytes = 0;
      for (FileMeta o : overlap) {
        overlapBytes += o.sizeBytes();
      }
      double ratio = (double) overlapBytes / f.sizeBytes();
      if (ratio < chosenRatio) {
        chosen = f;
        chosenOverlap = overlap;
        chosenRatio = ratio;
      }
    }
    Invariants.check(chosen != null, "L%d scored but holds no table", level);
    if (chosenOverlap.isEmpty()) {
      return move(version, level, chosen, reason);
    }
    List<CompactionTask.Input> inputs = new ArrayList<>();
    inputs.add(new CompactionTask.Input(level, chosen));
    chosenOverlap.forEach(f -> inputs.add(new CompactionTask.Input(level + 1, f)));
    return merge(version, inputs, level + 1, reason);
  }

  private CompactionTask move(Version version, int level, FileMeta file, String reason) {
    return new CompactionTask(CompactionTask.Kind.MOVE,
        List.of(new CompactionTask.Input(level, file)), level + 1, false, tableBytes,
        reason + ", no overlap below: move");
  }

  private CompactionTask merge(Version version, List<CompactionTask.Input> inputs, int output,
      String reason) {
    CompactionTask probe = new CompactionTask(CompactionTask.Kind.MERGE, inputs, output, false,
        tableBytes, reason);
    boolean bottom = !version.overlapsBelow(output, probe.smallestKey(), probe.largestKey());
    return new CompactionTask(CompactionTask.Kind.MERGE, inputs, output, bottom, tableBytes,
        reason);
  }

  @Override
  public Optional<CompactionTask> planFull(Version version) {
    if (version.fileCount() == 0) {
      return Optional.empty();
    }
    long total = version.totalBytes();
    int output = 1;
    while (output < version.levelCount() - 1 && maxBytes(output) < total) {
      output++;
    }
    List<CompactionTask.Input> inputs = new ArrayList<>();
    for (int level = 0; level < version.levelCount(); level++) {
      for (FileMeta f : version.level(level)) {
        inputs.add(new CompactionTask.Input(level, f));
      }
    }
    return Optional.of(new CompactionTask(CompactionTask.Kind.MERGE, inputs, output, true,
        tableBytes, "manual: everything into L" + output));
  }

  @Override
  public String describe() {
    return "leveled (size ratio " + sizeRatio + ", L1 target " + Units.formatBytes(level1Bytes)
        + ", L0 compacts at " + l0CompactionTrigger + " tables)";
  }
}
