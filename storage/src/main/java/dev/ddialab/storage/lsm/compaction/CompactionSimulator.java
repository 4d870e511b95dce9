package dev.ddialab.storage.lsm.compaction;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.Version;
import dev.ddialab.storage.lsm.version.VersionEdit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a compaction policy against a simulated tree, without disks: tables are sorted maps of
 * integer keys to versions, flushes add L0 tables, and a task is executed the way the engine
 * executes it (newest version per key wins, tombstones dropped only when the task allows, outputs
 * split at the task's table size) and applied with the same pure {@link Version#apply}. Every
 * entry counts the same number of bytes. Because the policy only sees the {@link Version}, the
 * bytes it makes this simulator write are the bytes it would make the engine write, up to block
 * and compression overheads; {@code ddia kv simulate-compaction} and the policy tests use it.
 *
 * <p>{@link #afterStep} runs after every flush and task, for checks that follow the tree.
 */
public class CompactionSimulator {
  /** One version of a key in a simulated table. */
  public record Entry(long sequence, boolean tombstone) {}

  private final CompactionPolicy policy;
  private final long entryBytes;
  private final Map<Long, TreeMap<Integer, Entry>> tables = new HashMap<>();
  private Version version = Version.empty(Version.DEFAULT_LEVELS);
  private long nextNumber = 1;
  private long nextSequence = 1;
  private long bytesFlushed;
  private long bytesCompacted;
  private long merges;
  private long moves;
  private long peakBytes;

  public CompactionSimulator(CompactionPolicy policy, long entryBytes) {
    Invariants.require(entryBytes > 0, "entryBytes %d <= 0", entryBytes);
    this.policy = Invariants.requireNonNull(policy, "policy");
    this.entryBytes = entryBytes;
  }

  public CompactionPolicy policy() {
    return policy;
  }

  public Version version() {
    return version;
  }

  public long entryBytes() {
    return entryBytes;
  }

  /** Bytes of tables written by flushes. */
  public long bytesFlushed() {
    return bytesFlushed;
  }

  /** Bytes of tables written by merges (moves write nothing). */
  public long bytesCompacted() {
    return bytesCompacted;
  }

  public long merges() {
    return merges;
  }

  public long moves() {
    return moves;
  }

  /** The most bytes the tree held at once, counting a merge's outputs beside its inputs. */
  public long peakBytes() {
    return peakBytes;
  }

  /** The task the policy plans now; fails if there is none. */
  public CompactionTask policyPlan() {
    return policy.plan(version).orElseThrow();
  }

  /** A memtable flush: each key written (true) or deleted (false) once, as one new L0 table. */
  public void flush(Map<Integer, Boolean> writes) {
    if (writes.isEmpty()) {
      return;
    }
    TreeMap<Integer, Entry> table = new TreeMap<>();
    for (Map.Entry<Integer, Boolean> w : writes.entrySet()) {
      table.put(w.getKey(), new Entry(nextSequence++, !w.getValue()));
    }
    FileMeta meta = newTable(table);
    bytesFlushed += meta.sizeBytes();
    version = version.apply(VersionEdit.builder().add(0, meta).build());
    peakBytes = Math.max(peakBytes, version.totalBytes());
    afterStep();
  }

  /**
   * Runs planned tasks until the policy is satisfied.
   *
   * @throws IllegalStateException if it still plans after {@code maxTasks}
   */
  public void compactUntilQuiet(int maxTasks) {
    for (int i = 0; i < maxTasks; i++) {
      Optional<CompactionTask> task = policy.plan(version);
      if (task.isEmpty()) {
        return;
      }
      execute(task.get());
    }
    throw new IllegalStateException("policy still planning after " + maxTasks + " tasks: "
        + version);
  }

  public void execute(CompactionTask task) {
    for (CompactionTask.Input input : task.inputs()) {
      Invariants.require(version.level(input.level()).contains(input.file()),
          "input %s of %s is not in the tree", input.file(), task);
    }
    if (task.kind() == CompactionTask.Kind.MOVE) {
      moves++;
      version = version.apply(task.toEdit(List.of(task.inputs().getFirst().file())).build());
      afterStep();
      return;
    }
    merges++;
    List<FileMeta> outputs = merge(task);
    long written = 0;
    for (FileMeta output : outputs) {
      written += output.sizeBytes();
    }
    bytesCompacted += written;
    peakBytes = Math.max(peakBytes, version.totalBytes() + written);
    version = version.apply(task.toEdit(outputs).build());
    for (CompactionTask.Input input : task.inputs()) {
      tables.remove(input.file().number());
    }
    afterStep();
  }

  private List<FileMeta> merge(CompactionTask task) {
    TreeMap<Integer, Entry> merged = new TreeMap<>();
    for (CompactionTask.Input input : task.inputs()) {
      tables.get(input.file().number()).forEach((key, entry) -> merged.merge(key, entry,
          (a, b) -> a.sequence() > b.sequence() ? a : b));
    }
    List<FileMeta> outputs = new ArrayList<>();
    TreeMap<Integer, Entry> current = new TreeMap<>();
    for (Map.Entry<Integer, Entry> e : merged.entrySet()) {
      if (e.getValue().tombstone() && task.dropTombstones()) {
        continue;
      }
      current.put(e.getKey(), e.getValue());
      if (current.size() * entryBytes >= task.outputTableBytes()) {
        outputs.add(newTable(current));
        current = new TreeMap<>();
      }
    }
    if (!current.isEmpty()) {
      outputs.add(newTable(current));
    }
    return outputs;
  }

  /** Called after every flush and executed task; does nothing here. */
  protected void afterStep() {}

  private FileMeta newTable(TreeMap<Integer, Entry> entries) {
    long number = nextNumber++;
    tables.put(number, entries);
    long min = Long.MAX_VALUE;
    long max = 0;
    long tombstones = 0;
    for (Entry e : entries.values()) {
      min = Math.min(min, e.sequence());
      max = Math.max(max, e.sequence());
      tombstones += e.tombstone() ? 1 : 0;
    }
    return new FileMeta(number, entries.size() * entryBytes, key(entries.firstKey()),
        key(entries.lastKey()), entries.size(), tombstones, min, max);
  }

  /** The simulated key {@code k} as the tree stores it: 4 big-endian bytes. */
  public static byte[] key(int k) {
    byte[] out = new byte[4];
    Bytes.putInt(out, 0, k);
    return out;
  }

  /** The newest version of key {@code k}, found in the engine's point-read order. */
  public Optional<Entry> read(int k) {
    byte[] key = key(k);
    for (FileMeta f : version.level(0)) {
      Entry e = tables.get(f.number()).get(k);
      if (f.contains(key) && e != null) {
        return Optional.of(e);
      }
    }
    for (int level = 1; level < version.levelCount(); level++) {
      int i = Version.findTable(version.level(level), key);
      if (i >= 0) {
        Entry e = tables.get(version.level(level).get(i).number()).get(k);
        if (e != null) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }
}
