package dev.ddialab.storage.lsm;

import dev.ddialab.storage.Directories;
import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import dev.ddialab.storage.lsm.sstable.BlockCache;
import dev.ddialab.storage.lsm.sstable.CorruptTableException;
import dev.ddialab.storage.lsm.sstable.SsTableReader;
import dev.ddialab.storage.lsm.sstable.TableProperties;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.Manifest;
import dev.ddialab.storage.lsm.version.Version;
import dev.ddialab.storage.lsm.version.VersionEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live state of the tree: the manifest, the open tables, and the current {@link ReadView}.
 * Every change goes through here, in the order that keeps crashes safe: a {@link VersionEdit} is
 * synced to the manifest before the new view is installed, and a table leaves the disk only after
 * the edit that dropped it is durable and the last view holding it is released.
 *
 * <p>Locking: {@link #install} is serialised (manifest order equals installation order); the
 * view swap itself, shared with memtable switches on the write path, holds a short lock that
 * never covers I/O. {@link #acquire} is lock-free.
 */
final class VersionSet implements AutoCloseable {
  static final String SST_DIR = "sst";
  static final String MANIFEST_DIR = "manifest";
  private static final Pattern TABLE_NAME = Pattern.compile("(\\d{12})\\.sst");

  private final Path sstDir;
  private final Manifest manifest;
  private final BlockCache cache;
  private final Object installMutex = new Object();
  private final ReentrantLock viewLock = new ReentrantLock();
  /** Tables the current version names. Guarded by viewLock. */
  private final Map<Long, TableFile> live = new HashMap<>();
  /** Every table not yet closed: live ones and obsolete ones still held by a view. */
  private final Set<TableFile> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextFileNumber;
  private final LongAdder tablesDeleted = new LongAdder();
  private volatile ReadView current;
  private volatile IOException releaseFailure;

  private VersionSet(Path sstDir, Manifest manifest, BlockCache cache, long nextFileNumber) {
    this.sstDir = sstDir;
    this.manifest = manifest;
    this.cache = cache;
    this.nextFileNumber = new AtomicLong(nextFileNumber);
  }

  /**
   * Replays the manifest, deletes tables it does not name (outputs of flushes and compactions a
   * crash cut short), and opens every live table, checking each against its manifest record.
   */
  static VersionSet open(Path dir, int levels, long manifestRotateBytes, BlockCache cache,
      MemTable memtable) throws IOException {
    Path sstDir = dir.resolve(SST_DIR);
    Files.createDirectories(sstDir);
    Manifest manifest = Manifest.open(dir.resolve(MANIFEST_DIR), levels, manifestRotateBytes);
    VersionSet set = null;
    try {
      Manifest.State state = manifest.state();
      long maxOnDisk = removeStrays(sstDir, state.version(), manifest.wasEmptyAtOpen());
      set = new VersionSet(sstDir, manifest, cache,
          Math.max(state.nextFileNumber(), maxOnDisk + 1));
      for (FileMeta meta : state.version().allFiles()) {
        TableFile table = new TableFile(meta, openChecked(set.tablePath(meta.number()), meta,
            cache), set);
        set.live.put(meta.number(), table);
        set.open.add(table);
      }
      set.current = new ReadView(memtable, List.of(), state.version(), set.live);
      return set;
    } catch (IOException | RuntimeException e) {
      if (set != null) {
        for (TableFile table : set.open) {
          table.reader.close();
        }
      }
      manifest.close();
      throw e;
    }
  }

  /** Deletes table files the manifest does not name; returns the highest number seen. */
  private static long removeStrays(Path sstDir, Version version, boolean manifestWasEmpty)
      throws IOException {
    Set<Long> liveNumbers = new HashSet<>();
    version.allFiles().forEach(f -> liveNumbers.add(f.number()));
    List<Path> strays = new ArrayList<>();
    long maxNumber = 0;
    try (var files = Files.list(sstDir)) {
      for (Path file : files.toList()) {
        Matcher name = TABLE_NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
          long number = Long.parseLong(name.group(1));
          maxNumber = Math.max(maxNumber, number);
          if (!liveNumbers.contains(number)) {
            strays.add(file);
          }
        }
      }
    }
    if (manifestWasEmpty && !strays.isEmpty()) {
      throw new IOException("the manifest in " + sstDir.getParent() + " is empty or missing, but "
          + strays.size() + " tables exist in " + sstDir + "; refusing to open (and delete them)");
    }
    for (Path stray : strays) {
      Files.deleteIfExists(stray);
    }
    if (!strays.isEmpty()) {
      Directories.force(sstDir);
    }
    return maxNumber;
  }

  /** Opens a table and checks that it is the one the manifest describes. */
  static SsTableReader openChecked(Path file, FileMeta meta, BlockCache cache) throws IOException {
    SsTableReader reader = SsTableReader.open(file, cache);
    TableProperties p = reader.properties();
    String mismatch = null;
    if (reader.fileBytes() != meta.sizeBytes()) {
      mismatch = "file has " + reader.fileBytes() + " bytes, the manifest says " + meta.sizeBytes();
    } else if (p.entries() != meta.entries() || p.maxSequence() != meta.maxSequence()
        || Bytes.compare(p.smallestUserKey(), meta.smallest()) != 0
        || Bytes.compare(p.largestUserKey(), meta.largest()) != 0) {
      mismatch = "its properties " + p + " differ from the manifest's " + meta;
    }
    if (mismatch != null) {
      reader.close();
      throw new CorruptTableException(file, 0, mismatch);
    }
    return reader;
  }

  Path tablePath(long number) {
    return sstDir.resolve(String.format("%012d.sst", number));
  }

  long newFileNumber() {
    return nextFileNumber.getAndIncrement();
  }

  long peekNextFileNumber() {
    return nextFileNumber.get();
  }

  BlockCache cache() {
    return cache;
  }

  Manifest.State manifestState() {
    return manifest.state();
  }

  Manifest manifest() {
    return manifest;
  }

  long tablesDeleted() {
    return tablesDeleted.sum();
  }

  /** The current view, referenced; the caller must {@link ReadView#unref()} it. */
  ReadView acquire() {
    // Bounded: a failed tryRef means a newer view was installed meanwhile.
    while (true) {
      ReadView view = current;
      if (view == null) {
        throw new IllegalStateException("database " + sstDir.getParent() + " is closed");
      }
      if (view.tryRef()) {
        return view;
      }
    }
  }

  /** The current version, for planning and stats; its tables may go once it is replaced. */
  Version version() {
    ReadView view = current;
    if (view == null) {
      throw new IllegalStateException("database " + sstDir.getParent() + " is closed");
    }
    return view.version;
  }

  /** Frozen memtables waiting for the flush thread. */
  int immutableCount() {
    ReadView view = current;
    if (view == null) {
      throw new IllegalStateException("database " + sstDir.getParent() + " is closed");
    }
    return view.immutables.size();
  }

  /** The oldest frozen memtable, the next to flush, or null. */
  MemTable oldestImmutable() {
    ReadView view = current;
    return view == null || view.immutables.isEmpty() ? null : view.immutables.getLast();
  }

  /** Freezes the active memtable and installs {@code fresh}. REQUIRES: the engine's write lock. */
  void switchMemtable(MemTable fresh) {
    ReadView old;
    viewLock.lock();
    try {
      old = current;
      List<MemTable> immutables = new ArrayList<>();
      immutables.add(old.memtable);
      immutables.addAll(old.immutables);
      current = new ReadView(fresh, immutables, old.version, live);
    } finally {
      viewLock.unlock();
    }
    old.unref();
  }

  /**
   * Makes {@code edit} durable in the manifest and installs the version it produces.
   *
   * @param newTables readers of the tables the edit adds (a moved table is already open)
   * @param flushed the frozen memtable whose contents the edit's new table holds, or null
   * @throws IOException if the manifest write fails; nothing is installed then, and the caller
   *     still owns {@code newTables}
   */
  Manifest.State install(VersionEdit edit, Map<Long, SsTableReader> newTables, MemTable flushed)
      throws IOException {
    synchronized (installMutex) {
      Manifest.State state = manifest.log(edit);
      ReadView old;
      viewLock.lock();
      try {
        Set<Long> added = new HashSet<>();
        for (VersionEdit.NewFile n : edit.added()) {
          long number = n.meta().number();
          added.add(number);
          if (!live.containsKey(number)) {
            SsTableReader reader = newTables.get(number);
            Invariants.check(reader != null, "no reader for new table #%d", number);
            TableFile table = new TableFile(n.meta(), reader, this);
            live.put(number, table);
            open.add(table);
          }
        }
        for (VersionEdit.DeletedFile d : edit.deleted()) {
          if (!added.contains(d.number())) {
            live.remove(d.number()).markObsolete();
          }
        }
        old = current;
        List<MemTable> immutables = new ArrayList<>(old.immutables);
        if (flushed != null) {
          Invariants.check(immutables.getLast() == flushed,
              "a flush must install the oldest frozen memtable");
          immutables.removeLast();
        }
        current = new ReadView(old.memtable, immutables, state.version(), live);
      } finally {
        viewLock.unlock();
      }
      old.unref();
      return state;
    }
  }

  /** Called when a table's last reference goes. */
  void released(TableFile table) {
    open.remove(table);
    try {
      table.closeAndMaybeDelete();
      if (table.isObsolete()) {
        tablesDeleted.increment();
      }
    } catch (IOException e) {
      releaseFailure = e;
    }
  }

  /** The last failure to close or delete a released table, if any. */
  IOException releaseFailure() {
    return releaseFailure;
  }

  /**
   * Releases the current view and closes every table, including obsolete ones a leaked scan
   * still holds (those are deleted too; the scan fails if used).
   */
  @Override
  public void close() throws IOException {
    ReadView last;
    viewLock.lock();
    try {
      last = current;
      current = null;
    } finally {
      viewLock.unlock();
    }
    IOException failure = null;
    try {
      if (last != null) {
        last.unref();
      }
      for (TableFile table : List.copyOf(open)) {
        open.remove(table);
        try {
          table.closeAndMaybeDelete();
        } catch (IOException e) {
          failure = e;
        }
      }
    } finally {
      manifest.close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
