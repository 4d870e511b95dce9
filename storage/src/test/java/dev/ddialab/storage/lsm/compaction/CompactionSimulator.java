package dev.ddialab.storage.lsm.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Bytes;
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
 * entry counts {@value #ENTRY_BYTES} bytes.
 *
 * <p>After every step it checks that a point read, following the engine's read order (L0 newest
 * first, then one table per level by binary search), sees exactly what was last written to each
 * key: the policy may reshape the tree, never change what it says.
 */
final class CompactionSimulator {
  static final int ENTRY_BYTES = 100;

  record Entry(long sequence, boolean tombstone) {}

  private final CompactionPolicy policy;
  private final Map<Long, TreeMap<Integer, Entry>> tables = new HashMap<>();
  /** What every key was last set to: true = present, false = deleted. */
  private final TreeMap<Integer, Boolean> model = new TreeMap<>();
  private Version version = Version.empty(Version.DEFAULT_LEVELS);
  private long nextNumber = 1;
  private long nextSequence = 1;
  long bytesFlushed;
  long bytesCompacted;
  int tasks;

  CompactionSimulator(CompactionPolicy policy) {
    this.policy = policy;
  }

  Version version() {
    return version;
  }

  /** The task the policy plans now; fails if there is none. */
  CompactionTask policyPlan() {
    return policy.plan(version).orElseThrow();
  }

  /** A memtable flush: each key written (or deleted) once, as one new L0 table. */
  void flush(Map<Integer, Boolean> writes) {
    if (writes.isEmpty()) {
      return;
    }
    TreeMap<Integer, Entry> table = new TreeMap<>();
    for (Map.Entry<Integer, Boolean> w : writes.entrySet()) {
      table.put(w.getKey(), new Entry(nextSequence++, !w.getValue()));
      model.put(w.getKey(), w.getValue());
    }
    FileMeta meta = newTable(table);
    bytesFlushed += meta.sizeBytes();
    version = version.apply(VersionEdit.builder().add(0, meta).build());
    checkReads();
  }

  /** Runs planned tasks until the policy is satisfied; fails if it never is. */
  void compactUntilQuiet(int maxTasks) {
    for (int i = 0; i < maxTasks; i++) {
      Optional<CompactionTask> task = policy.plan(version);
      if (task.isEmpty()) {
        return;
      }
      execute(task.get());
    }
    throw new AssertionError("policy still planning after " + maxTasks + " tasks: " + version);
  }

  void execute(CompactionTask task) {
    tasks++;
    for (CompactionTask.Input input : task.inputs()) {
      assertThat(version.level(input.level())).as("input of %s", task).contains(input.file());
    }
    if (task.kind() == CompactionTask.Kind.MOVE) {
      version = version.apply(task.toEdit(List.of(task.inputs().getFirst().file())).build());
      checkReads();
      return;
    }
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
      if ((long) current.size() * ENTRY_BYTES >= task.outputTableBytes()) {
        outputs.add(newTable(current));
        current = new TreeMap<>();
      }
    }
    if (!current.isEmpty()) {
      outputs.add(newTable(current));
    }
    for (FileMeta output : outputs) {
      bytesCompacted += output.sizeBytes();
    }
    version = version.apply(task.toEdit(outputs).build());
    for (CompactionTask.Input input : task.inputs()) {
      tables.remove(input.file().number());
    }
    checkReads();
  }

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
    return new FileMeta(number, (long) entries.size() * ENTRY_BYTES, key(entries.firstKey()),
        key(entries.lastKey()), entries.size(), tombstones, min, max);
  }

  static byte[] key(int k) {
    byte[] out = new byte[4];
    Bytes.putInt(out, 0, k);
    return out;
  }

  /** The engine's point-read order over the simulated tables. */
  private Optional<Entry> read(int k) {
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

  private void checkReads() {
    for (Map.Entry<Integer, Boolean> m : model.entrySet()) {
      Optional<Entry> found = read(m.getKey());
      boolean present = found.isPresent() && !found.get().tombstone();
      assertThat(present).as("key %d after %d tasks in %s", m.getKey(), tasks, version)
          .isEqualTo(m.getValue());
    }
  }
}
