package dev.ddialab.storage.lsm;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.lsm.iterator.ConcatenatingIterator;
import dev.ddialab.storage.lsm.iterator.InternalIterator;
import dev.ddialab.storage.lsm.iterator.MergingIterator;
import dev.ddialab.storage.lsm.iterator.SnapshotIterator;
import dev.ddialab.storage.lsm.sstable.BloomFilter;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.Version;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads at a snapshot sequence number over one {@link ReadView} (DDIA ch. 3: "first try to find
 * the key in the memtable, then in the most recent on-disk segment, then in the next-older
 * segment, etc."). A point read stops at the first component that has a version of the key at or
 * below the snapshot: the active memtable, the frozen ones newest first, L0 tables newest first
 * (only those whose key range holds the key), then one table per level L1+ found by binary
 * search. Each table's bloom filter is asked first, with one hash of the key for all of them.
 *
 * <p>REQUIRES of callers: the snapshot is read before the view is acquired (done here), so the
 * view holds every write the snapshot covers. Thread-safe.
 */
final class ReadPath {
  private final VersionSet versions;
  private final ReadCounters counters = new ReadCounters();

  ReadPath(VersionSet versions) {
    this.versions = versions;
  }

  ReadCounters counters() {
    return counters;
  }

  /** The value of {@code key} at {@code snapshot}, as an array the caller owns. */
  Optional<byte[]> get(byte[] key, long snapshot) throws IOException {
    counters.gets.increment();
    ReadView view = versions.acquire();
    try {
      Lookup found = view.memtable.get(key, snapshot);
      for (int i = 0; !found.isDecided() && i < view.immutables.size(); i++) {
        found = view.immutables.get(i).get(key, snapshot);
      }
      if (found.isDecided()) {
        // A memtable's arrays are shared with other readers: copy.
        return found.state() == Lookup.State.FOUND ? Optional.of(found.value().clone())
            : Optional.empty();
      }
      found = getFromTables(view, key, snapshot);
      return found.state() == Lookup.State.FOUND ? Optional.of(found.value()) : Optional.empty();
    } finally {
      view.unref();
    }
  }

  private Lookup getFromTables(ReadView view, byte[] key, long snapshot) throws IOException {
    long hash = BloomFilter.hash(key);
    for (TableFile table : view.tables[0]) {
      if (table.meta.contains(key)) {
        Lookup found = probe(table, key, hash, snapshot);
        if (found.isDecided()) {
          return found;
        }
      }
    }
    for (int level = 1; level < view.tables.length; level++) {
      int i = Version.findTable(view.version.level(level), key);
      if (i >= 0) {
        Lookup found = probe(view.tables[level][i], key, hash, snapshot);
        if (found.isDecided()) {
          return found;
        }
      }
    }
    return Lookup.ABSENT;
  }

  private Lookup probe(TableFile table, byte[] key, long hash, long snapshot) throws IOException {
    boolean filtered = table.reader.hasFilter();
    if (filtered) {
      counters.filterProbes.increment();
      if (!table.reader.mayContain(hash)) {
        counters.filterSkips.increment();
        return Lookup.ABSENT;
      }
    }
    counters.tableReads.increment();
    Lookup found = table.reader.get(key, snapshot);
    if (filtered && !found.isDecided()) {
      counters.filterFalsePositives.increment();
    }
    return found;
  }

  /**
   * Merges every component of the current view that can hold keys in {@code [from, to)}, seen
   * at {@code snapshot}; the view is released when the iterator is closed.
   *
   * @param fillCache whether blocks read go into the block cache (not for one-off full scans)
   */
  KvIterator scan(byte[] from, byte[] to, long snapshot, boolean fillCache) throws IOException {
    ReadView view = versions.acquire();
    List<InternalIterator> sources = new ArrayList<>();
    sources.add(view.memtable.iterator());
    view.immutables.forEach(m -> sources.add(m.iterator()));
    for (TableFile table : view.tables[0]) {
      if (inRange(table.meta, from, to)) {
        sources.add(table.reader.iterator(fillCache));
      }
    }
    for (int level = 1; level < view.tables.length; level++) {
      List<TablePart> parts = new ArrayList<>();
      for (TableFile table : view.tables[level]) {
        if (inRange(table.meta, from, to)) {
          parts.add(new TablePart(table, fillCache));
        }
      }
      if (!parts.isEmpty()) {
        sources.add(new ConcatenatingIterator(parts));
      }
    }
    return SnapshotIterator.open(new MergingIterator(sources), snapshot, from, to, view::unref);
  }

  private static boolean inRange(FileMeta meta, byte[] from, byte[] to) {
    return (from == null || Bytes.compare(meta.largest(), from) >= 0)
        && (to == null || Bytes.compare(meta.smallest(), to) < 0);
  }

  private record TablePart(TableFile table, boolean fillCache)
      implements ConcatenatingIterator.Part {
    @Override
    public byte[] largestUserKey() {
      return table.meta.largest();
    }

    @Override
    public InternalIterator open() {
      return table.reader.iterator(fillCache);
    }
  }
}
