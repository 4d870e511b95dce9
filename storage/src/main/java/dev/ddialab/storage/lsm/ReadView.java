package dev.ddialab.storage.lsm;

import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.Version;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a read needs, captured at once (RocksDB's "SuperVersion"): the active memtable, the
 * frozen ones waiting to be flushed (newest first), the table version and its open tables.
 * Immutable; a flush, a compaction or a memtable switch installs a new view instead of changing
 * this one.
 *
 * <p>Reference counted: the {@link VersionSet} holds one reference while the view is current,
 * and every get and scan holds one while it runs. Acquiring never blocks: {@link #tryRef} fails
 * only for a view already released, and the caller then takes the newer current one. When the
 * count reaches zero the view releases its tables, which may then be deleted.
 */
final class ReadView {
  final MemTable memtable;
  final List<MemTable> immutables;
  final Version version;
  /** {@code tables[level][i]} is the open table of {@code version.level(level).get(i)}. */
  final TableFile[][] tables;
  private final AtomicInteger refs = new AtomicInteger(1);

  ReadView(MemTable memtable, List<MemTable> immutables, Version version,
      Map<Long, TableFile> open) {
    this.memtable = memtable;
    this.immutables = List.copyOf(immutables);
    this.version = version;
    this.tables = new TableFile[version.levelCount()][];
    for (int level = 0; level < version.levelCount(); level++) {
      List<FileMeta> files = version.level(level);
      tables[level] = new TableFile[files.size()];
      for (int i = 0; i < files.size(); i++) {
        TableFile table = open.get(files.get(i).number());
        dev.ddialab.core.Invariants.check(table != null, "table #%d of the version is not open",
            files.get(i).number());
        table.ref();
        tables[level][i] = table;
      }
    }
  }

  /** Takes a reference unless the view was already released. */
  boolean tryRef() {
    // Bounded by contention: each failed CAS means another thread made progress.
    while (true) {
      int n = refs.get();
      if (n == 0) {
        return false;
      }
      if (refs.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void unref() {
    int after = refs.decrementAndGet();
    dev.ddialab.core.Invariants.check(after >= 0, "read view released twice");
    if (after == 0) {
      for (TableFile[] level : tables) {
        for (TableFile table : level) {
          table.unref();
        }
      }
    }
  }
}
