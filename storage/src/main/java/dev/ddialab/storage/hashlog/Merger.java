package dev.ddialab.storage.hashlog;

import dev.ddialab.storage.Directories;
import dev.ddialab.storage.wal.Cursor;
import dev.ddialab.storage.wal.LogPosition;
import dev.ddialab.storage.wal.RecordLog;
import dev.ddialab.storage.wal.SegmentReader;
import dev.ddialab.storage.wal.SegmentWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Merging (Bitcask's name for compaction): rewrites the closed log segments and the previous
 * merged file into one new {@link MergedFile} holding only live values, then deletes them.
 *
 * <p>Crash safety rests on the order of steps. The new data and hint files are written under
 * temporary names and forced; the hint is renamed into place, then the data file, and the
 * directory is forced: the data file's rename is the commit point. Only then are the old files
 * deleted. Recovery therefore trusts the newest complete generation, removes temporary files and
 * anything that generation replaced, and replays the log segments written after it. Tombstones
 * are dropped because every older file takes part in the merge: nothing older remains for them
 * to shadow.
 *
 * <p>One merge runs at a time (background thread or {@link #mergeNow()}). Its reads of the index
 * and its relocations race with writes safely: a relocation happens only where the key still
 * points at the record the merge copied.
 */
final class Merger implements AutoCloseable {
  /** What {@code ddia kv stats} shows about merging. */
  record Stats(long generation, long merges, long mergedDataBytes, long mergedBytes,
      long bytesWritten, long lastReclaimedBytes) {}

  private final HashLogEngine engine;
  private final Path dir;
  private final Object mergeMutex = new Object();
  private volatile MergedFile current;
  /** Guarded by {@code this}: readers of obsolete files, kept until no scan holds them. */
  private final List<MergedFile> retired = new ArrayList<>();
  private long retiredLogSegmentsBefore = -1;
  private int openScans;
  private ExecutorService background;
  private volatile boolean mergeQueued;
  private volatile IOException backgroundFailure;
  private long merges;
  private long bytesWritten;
  private long lastReclaimedBytes;

  Merger(HashLogEngine engine) {
    this.engine = engine;
    this.dir = engine.dir();
  }

  // ---- start-up -------------------------------------------------------------------------

  /** Rebuilds the index from the newest merged generation and the log segments after it. */
  void recover() throws IOException {
    long newest = -1;
    List<Path> stale = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(MergedFile.TMP_SUFFIX)) {
          stale.add(file);
        }
        if (name.endsWith(MergedFile.HINT_SUFFIX)
            && !Files.exists(file.resolveSibling(name.replace(MergedFile.HINT_SUFFIX, MergedFile.DATA_SUFFIX)))) {
          stale.add(file); // renamed just before a crash cut the merge short of its commit
        }
        newest = Math.max(newest, MergedFile.generationOf(file));
      }
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        long generation = MergedFile.generationOf(file);
        if (generation >= 0 && generation < newest) {
          stale.add(file);
          stale.add(MergedFile.hintFile(dir, generation));
        }
      }
    }
    for (Path file : stale) {
      Files.deleteIfExists(file);
    }
    RecordLog log = engine.log();
    if (newest >= 0) {
      if (log.activeSegmentId() > newest) {
        log.deleteSegmentsBefore(newest + 1);
      }
      current = MergedFile.open(dir, newest);
      loadMergedFile(current);
    }
    long replayAfter = newest;
    try (Cursor cursor = log.cursorFromStart()) {
      while (cursor.next()) {
        if (LogPosition.segment(cursor.position()) > replayAfter) {
          applyReplayed(cursor.position(), cursor.payload());
        }
      }
    }
  }

  private void loadMergedFile(MergedFile merged) throws IOException {
    KeyDir keyDir = engine.keyDir();
    if (Files.exists(MergedFile.hintFile(dir, merged.generation))) {
      merged.readHints(dir, keyDir::put);
      return;
    }
    // No hint file (removed by hand): the data file alone is enough, just slower to read.
    try (Cursor cursor = merged.reader.cursor(0)) {
      while (cursor.next()) {
        applyReplayed(cursor.position(), cursor.payload());
      }
    }
  }

  private void applyReplayed(long position, byte[] payload) throws IOException {
    try {
      engine.apply(position, payload);
    } catch (RuntimeException e) {
      throw new IOException("malformed hashlog record at " + LogPosition.format(position)
          + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  // ---- reads ----------------------------------------------------------------------------

  byte[] read(long position) throws IOException {
    long segment = LogPosition.segment(position);
    if (MergedFile.isMergedSegment(segment)) {
      return mergedFileFor(segment).reader.read(LogPosition.offset(position));
    }
    return engine.log().read(position);
  }

  private MergedFile mergedFileFor(long segment) throws IOException {
    MergedFile merged = current;
    if (merged != null && merged.segmentId() == segment) {
      return merged;
    }
    synchronized (this) {
      for (MergedFile old : retired) {
        if (old.segmentId() == segment) {
          return old;
        }
      }
    }
    throw new IOException("merged file for segment " + segment + " is gone");
  }

  /** Whether a location in this segment can still be current (else the index has moved on). */
  boolean isLive(long segment) {
    if (MergedFile.isMergedSegment(segment)) {
      MergedFile merged = current;
      return merged != null && merged.segmentId() == segment;
    }
    return engine.log().segmentIds().contains(segment);
  }

  // ---- scans hold obsolete files --------------------------------------------------------

  synchronized void scanOpened() {
    openScans++;
  }

  void scanClosed() {
    synchronized (this) {
      openScans--;
      if (openScans > 0) {
        return;
      }
    }
    try {
      deleteRetired();
    } catch (IOException e) {
      backgroundFailure = e;
    }
  }

  private void deleteRetired() throws IOException {
    List<MergedFile> toClose;
    long logBefore;
    synchronized (this) {
      if (openScans > 0) {
        return;
      }
      toClose = new ArrayList<>(retired);
      retired.clear();
      logBefore = retiredLogSegmentsBefore;
      retiredLogSegmentsBefore = -1;
    }
    if (logBefore > 0) {
      engine.log().deleteSegmentsBefore(logBefore);
    }
    for (MergedFile old : toClose) {
      old.close();
      Files.deleteIfExists(MergedFile.hintFile(dir, old.generation));
      Files.deleteIfExists(MergedFile.dataFile(dir, old.generation));
    }
    if (!toClose.isEmpty()) {
      Directories.force(dir);
    }
  }

  // ---- merging --------------------------------------------------------------------------

  /** Called after a write closed a segment: starts a background merge if it is worth one. */
  void segmentClosed() throws IOException {
    IOException failure = backgroundFailure;
    if (failure != null) {
      backgroundFailure = null;
      throw new IOException("background merge failed: " + failure.getMessage(), failure);
    }
    HashLogEngine.Options options = engine.options();
    if (!options.backgroundMerge() || mergeQueued) {
      return;
    }
    RecordLog.Stats log = engine.log().stats();
    long data = log.sizeBytes() + stats().mergedBytes();
    long dead = data - engine.keyDir().liveBytes();
    if (data < options.mergeBytesMin() || dead < options.mergeDeadRatio() * data) {
      return;
    }
    mergeQueued = true;
    synchronized (this) {
      if (background == null) {
        background = Executors.newSingleThreadExecutor(runnable -> {
          Thread thread = new Thread(runnable, "hashlog-merge " + dir.getFileName());
          thread.setDaemon(true);
          return thread;
        });
      }
      background.execute(() -> {
        try {
          mergeClosedSegments();
        } catch (IOException e) {
          backgroundFailure = e;
        } catch (IllegalStateException e) {
          // The engine was closed while the merge waited; nothing to do.
        } finally {
          mergeQueued = false;
        }
      });
    }
  }

  /** {@code ddia kv compact}: closes the active segment so everything written so far merges. */
  void mergeNow() throws IOException {
    synchronized (mergeMutex) {
      engine.writeLock().lock();
      try {
        engine.checkOpen();
        engine.log().rollSegment();
      } finally {
        engine.writeLock().unlock();
      }
      mergeClosedSegments();
    }
  }

  private void mergeClosedSegments() throws IOException {
    synchronized (mergeMutex) {
      engine.checkOpen();
      RecordLog log = engine.log();
      long active = log.activeSegmentId();
      List<Long> inputs = log.segmentIds().stream().filter(id -> id < active).toList();
      if (inputs.isEmpty()) {
        return;
      }
      long generation = inputs.get(inputs.size() - 1);
      MergedFile previous = current;
      long sizeBefore = log.stats().sizeBytes() + (previous == null ? 0 : previous.sizeBytes(dir));

      Path dataTmp = tmp(MergedFile.dataFile(dir, generation));
      Path hintTmp = tmp(MergedFile.hintFile(dir, generation));
      List<Relocation> relocations = new ArrayList<>();
      try (SegmentWriter data = SegmentWriter.create(dataTmp, MergedFile.GENERATION_BASE + generation);
          SegmentWriter hints = SegmentWriter.create(hintTmp, MergedFile.GENERATION_BASE + generation)) {
        Copier copier = new Copier(data, hints, generation, relocations);
        if (previous != null) {
          try (Cursor cursor = previous.reader.cursor(0)) {
            while (cursor.next()) {
              copier.copyLive(cursor.position(), cursor.payload());
            }
          }
        }
        try (Cursor cursor = log.cursor(LogPosition.pack(inputs.get(0), 0))) {
          while (cursor.next() && LogPosition.segment(cursor.position()) <= generation) {
            copier.copyLive(cursor.position(), cursor.payload());
          }
        }
        data.sync();
        hints.sync();
      }
      // Commit: the hint first, then the data file, whose rename makes the generation real.
      Files.move(hintTmp, MergedFile.hintFile(dir, generation), StandardCopyOption.ATOMIC_MOVE);
      Files.move(dataTmp, MergedFile.dataFile(dir, generation), StandardCopyOption.ATOMIC_MOVE);
      Directories.force(dir);

      MergedFile merged = MergedFile.open(dir, generation);
      engine.writeLock().lock();
      try {
        for (Relocation r : relocations) {
          engine.keyDir().relocate(r.key, r.from, r.to);
        }
        current = merged;
      } finally {
        engine.writeLock().unlock();
      }
      synchronized (this) {
        if (previous != null) {
          retired.add(previous);
        }
        retiredLogSegmentsBefore = generation + 1;
        merges++;
        bytesWritten += merged.sizeBytes(dir);
      }
      deleteRetired();
      long sizeAfter = log.stats().sizeBytes() + merged.sizeBytes(dir);
      synchronized (this) {
        lastReclaimedBytes = Math.max(0, sizeBefore - sizeAfter);
      }
    }
  }

  private record Relocation(byte[] key, Location from, Location to) {}

  /** Copies the values that are still current into the new generation. */
  private final class Copier {
    private final SegmentWriter data;
    private final SegmentWriter hints;
    private final long generation;
    private final List<Relocation> relocations;

    Copier(SegmentWriter data, SegmentWriter hints, long generation, List<Relocation> relocations) {
      this.data = data;
      this.hints = hints;
      this.generation = generation;
      this.relocations = relocations;
    }

    void copyLive(long position, byte[] payload) throws IOException {
      List<IOException> failure = new ArrayList<>(1);
      RecordCodec.decode(payload, new RecordCodec.Visitor() {
        @Override
        public void put(byte[] key, int valueOffset, int valueLength, int opBytes) {
          Location now = engine.keyDir().get(key);
          if (now == null || now.position() != position || now.valueOffset() != valueOffset
              || !failure.isEmpty()) {
            return; // overwritten or deleted since: dead
          }
          byte[] value = java.util.Arrays.copyOfRange(payload, valueOffset, valueOffset + valueLength);
          byte[] record = RecordCodec.put(key, value);
          try {
            long offset = data.append(record);
            Location moved = new Location(LogPosition.pack(MergedFile.GENERATION_BASE + generation, offset),
                RecordCodec.putValueOffset(key), valueLength, dev.ddialab.core.Frame.encodedSize(record.length));
            hints.append(MergedFile.encodeHint(key, offset, moved));
            relocations.add(new Relocation(key, now, moved));
          } catch (IOException e) {
            failure.add(e);
          }
        }

        @Override
        public void delete(byte[] key, int opBytes) {
          // Tombstones are dropped: every older file is part of this merge.
        }
      });
      if (!failure.isEmpty()) {
        throw failure.get(0);
      }
    }
  }

  private static Path tmp(Path file) {
    return file.resolveSibling(file.getFileName() + MergedFile.TMP_SUFFIX);
  }


  synchronized Stats stats() throws IOException {
    MergedFile merged = current;
    return new Stats(merged == null ? -1 : merged.generation, merges,
        merged == null ? 0 : merged.reader.sizeBytes(),
        merged == null ? 0 : merged.sizeBytes(dir), bytesWritten, lastReclaimedBytes);
  }

  @Override
  public void close() throws IOException {
    ExecutorService executor;
    synchronized (this) {
      executor = background;
    }
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (mergeMutex) {
      synchronized (this) {
        for (MergedFile old : retired) {
          old.close();
        }
        retired.clear();
      }
      if (current != null) {
        current.close();
      }
    }
  }
}
