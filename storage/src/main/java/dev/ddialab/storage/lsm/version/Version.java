package dev.ddialab.storage.lsm.version;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of the LSM-tree at one moment: which tables are live, in which level. Immutable and
 * free of I/O, so compaction policies plan from it and tests simulate it without disks;
 * {@link #apply} is the pure state transition that both the engine and the simulator use.
 *
 * <p>Invariants, checked on every {@link #apply}:
 * <ul>
 *   <li>L0 is ordered newest first, and its tables' sequence ranges do not interleave (each
 *       table's oldest entry is newer than the next table's newest), so a point read may stop at
 *       the first L0 table that knows the key.
 *   <li>Each level L1+ is sorted by key and its tables' key ranges are disjoint, so a point read
 *       binary-searches one table per level.
 *   <li>A file number appears at most once.
 * </ul>
 */
public final class Version {
  public static final int DEFAULT_LEVELS = 7;
  private static final Comparator<FileMeta> NEWEST_FIRST =
      Comparator.comparingLong(FileMeta::maxSequence).reversed();
  private static final Comparator<FileMeta> BY_KEY =
      (a, b) -> Bytes.compare(a.smallest(), b.smallest());

  private final List<List<FileMeta>> levels;

  private Version(List<List<FileMeta>> levels) {
    this.levels = levels;
  }

  public static Version empty(int levelCount) {
    Invariants.require(levelCount >= 2 && levelCount <= 16, "levels %d outside 2..16", levelCount);
    List<List<FileMeta>> levels = new ArrayList<>();
    for (int i = 0; i < levelCount; i++) {
      levels.add(List.of());
    }
    return new Version(List.copyOf(levels));
  }

  public int levelCount() {
    return levels.size();
  }

  /** The tables of a level: L0 newest first, L1+ by key. */
  public List<FileMeta> level(int level) {
    return levels.get(level);
  }

  public long levelBytes(int level) {
    long bytes = 0;
    for (FileMeta f : levels.get(level)) {
      bytes += f.sizeBytes();
    }
    return bytes;
  }

  public long totalBytes() {
    long bytes = 0;
    for (int i = 0; i < levels.size(); i++) {
      bytes += levelBytes(i);
    }
    return bytes;
  }

  public int fileCount() {
    int count = 0;
    for (List<FileMeta> level : levels) {
      count += level.size();
    }
    return count;
  }

  public List<FileMeta> allFiles() {
    List<FileMeta> all = new ArrayList<>();
    levels.forEach(all::addAll);
    return all;
  }

  /** The deepest level holding a table, or -1 when there are none. */
  public int deepestNonEmptyLevel() {
    for (int i = levels.size() - 1; i >= 0; i--) {
      if (!levels.get(i).isEmpty()) {
        return i;
      }
    }
    return -1;
  }

  /** Tables of {@code level} whose key range meets {@code [from, to]}, in level order. */
  public List<FileMeta> overlapping(int level, byte[] from, byte[] to) {
    List<FileMeta> out = new ArrayList<>();
    for (FileMeta f : levels.get(level)) {
      if (f.overlaps(from, to)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Whether any table below {@code level} meets {@code [from, to]}. */
  public boolean overlapsBelow(int level, byte[] from, byte[] to) {
    for (int i = level + 1; i < levels.size(); i++) {
      for (FileMeta f : levels.get(i)) {
        if (f.overlaps(from, to)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The table of level L1+ whose range holds {@code userKey}, or -1; binary search. */
  public static int findTable(List<FileMeta> level, byte[] userKey) {
    int lo = 0;
    int hi = level.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Bytes.compare(level.get(mid).largest(), userKey) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < level.size() && Bytes.compare(level.get(lo).smallest(), userKey) <= 0 ? lo : -1;
  }

  /**
   * The version after {@code edit}: deletions first, then additions. A snapshot edit starts from
   * an empty version. Fails with {@link IllegalArgumentException} when the edit deletes a table
   * that is not there or breaks an invariant, leaving this version unchanged.
   */
  public Version apply(VersionEdit edit) {
    List<List<FileMeta>> next = new ArrayList<>();
    Set<Long> numbers = new HashSet<>();
    for (int i = 0; i < levels.size(); i++) {
      next.add(new ArrayList<>(edit.snapshot() ? List.of() : levels.get(i)));
    }
    for (VersionEdit.DeletedFile d : edit.deleted()) {
      Invariants.require(d.level() >= 0 && d.level() < levels.size(), "level %d", d.level());
      boolean removed = next.get(d.level()).removeIf(f -> f.number() == d.number());
      Invariants.require(removed, "edit deletes table #%d from L%d, which does not hold it",
          d.number(), d.level());
    }
    for (List<FileMeta> level : next) {
      for (FileMeta f : level) {
        numbers.add(f.number());
      }
    }
    for (VersionEdit.NewFile n : edit.added()) {
      Invariants.require(n.level() >= 0 && n.level() < levels.size(), "edit adds to level %d of"
          + " %d", n.level(), levels.size());
      Invariants.require(numbers.add(n.meta().number()), "table #%d added twice",
          n.meta().number());
      next.get(n.level()).add(n.meta());
    }
    next.get(0).sort(NEWEST_FIRST);
    for (int i = 1; i < next.size(); i++) {
      next.get(i).sort(BY_KEY);
    }
    List<List<FileMeta>> frozen = new ArrayList<>();
    for (List<FileMeta> level : next) {
      frozen.add(List.copyOf(level));
    }
    Version version = new Version(List.copyOf(frozen));
    version.checkInvariants();
    return version;
  }

  private void checkInvariants() {
    List<FileMeta> l0 = levels.get(0);
    for (int i = 1; i < l0.size(); i++) {
      Invariants.require(l0.get(i - 1).minSequence() > l0.get(i).maxSequence(),
          "L0 tables %s and %s have interleaving sequence ranges", l0.get(i - 1), l0.get(i));
    }
    for (int level = 1; level < levels.size(); level++) {
      List<FileMeta> files = levels.get(level);
      for (int i = 1; i < files.size(); i++) {
        Invariants.require(Bytes.compare(files.get(i - 1).largest(), files.get(i).smallest()) < 0,
            "L%d tables %s and %s overlap", level, files.get(i - 1), files.get(i));
      }
    }
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Version[");
    for (int i = 0; i < levels.size(); i++) {
      if (!levels.get(i).isEmpty()) {
        out.append(" L").append(i).append('=').append(levels.get(i));
      }
    }
    return out.append(" ]").toString();
  }
}
