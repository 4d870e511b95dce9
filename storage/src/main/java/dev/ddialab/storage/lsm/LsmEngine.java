package dev.ddialab.storage.lsm;

import dev.ddialab.storage.Directories;
import dev.ddialab.core.Invariants;
import dev.ddialab.storage.DirectoryLock;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.EngineStats;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import dev.ddialab.storage.lsm.iterator.MergingIterator;
import dev.ddialab.storage.lsm.sstable.BlockCache;
import dev.ddialab.storage.lsm.version.Version;
import dev.ddialab.storage.wal.RecordLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The LSM-tree engine of DDIA ch. 3, "SSTables and LSM-Trees".
 *
 * <p>Write path: a write is appended to the WAL (the shared {@link RecordLog}; synced writes share
 * fsyncs through its group commit), then inserted into the active {@link MemTable} with the next
 * sequence number, then made visible by publishing that sequence. A full memtable is frozen and a
 * new one started (with a new WAL segment); the {@link Flusher} writes frozen memtables to L0
 * SSTables, records them in the manifest and deletes the WAL segments they covered. The
 * {@link Compactor} merges tables as the {@link dev.ddialab.storage.lsm.compaction.CompactionPolicy}
 * plans. When L0 gets deep, writes are slowed and then stopped ({@link WriteStalls}).
 *
 * <p>Read path: the active memtable, the frozen ones newest first, L0 tables newest first, then
 * one table per level L1+ by binary search on key ranges; a bloom filter lets a read skip a table
 * that cannot hold the key. A scan merges all of them ({@link MergingIterator}) at one sequence
 * number, so it sees one consistent snapshot while writes, flushes and compactions continue; the
 * tables it reads are kept until it is closed.
 *
 * <p>Files: {@code DB/OPTIONS}, {@code DB/LOCK}, {@code DB/wal/} (record log),
 * {@code DB/manifest/} (record log of version edits), {@code DB/sst/*.sst}. Formats:
 * {@code docs/format.md}.
 *
 * <p>Concurrency: writes are serialised by one lock (sequence order equals WAL order equals
 * memtable order); synced writers then wait for group commit outside it. Reads take no lock: a
 * read captures the published sequence, then a reference-counted {@link ReadView}. One flush
 * thread and one compaction thread run in the background.
 */
public final class LsmEngine implements KvEngine {
  public static final String NAME = "lsm";
  static final String WAL_DIR = "wal";

  private final Path dir;
  private final LsmOptions options;
  private final DirectoryLock lock;
  private final RecordLog wal;
  private final VersionSet versions;
  private final AmplificationCounters counters;
  private final ReadPath reads;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Signalled whenever a flush or compaction finishes: room may have been made for writes. */
  private final Condition backgroundProgress = writeLock.newCondition();
  private final WriteStalls stalls;
  private final Flusher flusher;
  private final Compactor compactor;
  /** Guarded by writeLock. */
  private MemTable memtable;
  /** Guarded by writeLock. */
  private long lastSequence;
  /** The newest sequence whose write is complete: what new reads see. */
  private volatile long visibleSequence;
  private volatile boolean closed;
  private volatile IOException backgroundError;

  private LsmEngine(Path dir, LsmOptions options, DirectoryLock lock, RecordLog wal,
      VersionSet versions, MemTable memtable) {
    this.dir = dir;
    this.options = options;
    this.lock = lock;
    this.wal = wal;
    this.versions = versions;
    this.memtable = memtable;
    this.counters = new AmplificationCounters(versions.manifestState().counters(), wal);
    this.reads = new ReadPath(versions);
    this.stalls = new WriteStalls(this, options);
    this.flusher = new Flusher(this);
    this.compactor = new Compactor(this, options.policy());
  }

  /**
   * Opens (or, in an empty directory, creates) an LSM database: replays the manifest, deletes
   * tables a crash left unrecorded, replays the WAL into a memtable, and starts the flush and
   * compaction threads. The compaction style must match the one the database was created with.
   */
  public static LsmEngine open(Path dir, LsmOptions options) throws IOException {
    Files.createDirectories(dir);
    DirectoryLock lock = DirectoryLock.acquire(dir);
    VersionSet versions = null;
    RecordLog wal = null;
    try {
      if (OptionsFile.exists(dir)) {
        LsmOptions stored = OptionsFile.read(dir);
        if (stored.compaction() != options.compaction()) {
          throw new IOException("database " + dir + " was created with "
              + stored.compaction().label() + " compaction; it cannot be opened as "
              + options.compaction().label());
        }
      } else {
        OptionsFile.write(dir, options);
      }
      MemTable memtable = new MemTable();
      versions = VersionSet.open(dir, Version.DEFAULT_LEVELS, options.manifestRotateBytes(),
          new BlockCache(options.blockCacheBytes()), memtable);
      wal = RecordLog.open(dir.resolve(WAL_DIR),
          RecordLog.Options.defaults().withSegmentBytesMax(options.walSegmentBytes()));
      LsmEngine engine = new LsmEngine(dir, options, lock, wal, versions, memtable);
      engine.replayWal();
      engine.flusher.start();
      engine.compactor.start();
      return engine;
    } catch (IOException | RuntimeException e) {
      closeQuietly(wal, e);
      closeQuietly(versions, e);
      closeQuietly(lock, e);
      throw e;
    }
  }

  private static void closeQuietly(AutoCloseable resource, Exception primary) {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        primary.addSuppressed(e);
      }
    }
  }

  /** Rebuilds the memtable from the WAL; freezes it if it is already full. */
  private void replayWal() throws IOException {
    long last = WalReplay.replay(wal, versions.manifestState(), memtable);
    writeLock.lock();
    try {
      lastSequence = last;
      visibleSequence = last;
      if (memtable.approximateBytes() >= options.memtableBytes()) {
        switchMemtable();
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  // ---- writes -------------------------------------------------------------------------------

  @Override
  public void put(byte[] key, byte[] value, Durability durability) throws IOException {
    KvEngine.checkBounds(key, value);
    byte[] k = key.clone();
    byte[] v = value.clone();
    write(WalRecord.put(k, v), k.length + (long) v.length, durability,
        first -> memtable.add(k, first, false, v));
  }

  @Override
  public void delete(byte[] key, Durability durability) throws IOException {
    KvEngine.checkKey(key);
    byte[] k = key.clone();
    write(WalRecord.delete(k), k.length, durability, first -> memtable.add(k, first, true, null));
  }

  @Override
  public void write(WriteBatch batch, Durability durability) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    // The batch's arrays are its own copies, made when the operations were added.
    List<WriteBatch.Op> ops = List.copyOf(batch.ops());
    write(WalRecord.batch(batch), batch.payloadBytes(), durability, first -> {
      for (int i = 0; i < ops.size(); i++) {
        WriteBatch.Op op = ops.get(i);
        memtable.add(op.key(), first + i, op.isDelete(), op.value());
      }
    });
  }

  private interface MemtableInsert {
    void insert(long firstSequence);
  }

  private void write(byte[] record, long userBytes, Durability durability,
      MemtableInsert insert) throws IOException {
    int count = WalRecord.count(record);
    writeLock.lock();
    try {
      checkWritable();
      stalls.makeRoom();
      long first = lastSequence + 1;
      WalRecord.setSequence(record, first);
      wal.append(record);
      insert.insert(first);
      lastSequence = first + count - 1;
      visibleSequence = lastSequence;
      counters.userBytes(userBytes);
    } finally {
      writeLock.unlock();
    }
    if (durability == Durability.SYNC) {
      wal.sync();
    }
  }

  /**
   * Freezes the active memtable: its WAL segment is sealed so that the next memtable's records
   * start in a new one, and the flush thread is woken. REQUIRES: the write lock.
   */
  void switchMemtable() throws IOException {
    Invariants.check(writeLock.isHeldByCurrentThread(), "memtable switch without the write lock");
    long nextSegment = wal.rollSegment();
    memtable.freeze(nextSegment);
    MemTable fresh = new MemTable();
    versions.switchMemtable(fresh);
    memtable = fresh;
    flusher.wake();
  }

  // ---- reads --------------------------------------------------------------------------------

  @Override
  public Optional<byte[]> get(byte[] key) throws IOException {
    KvEngine.checkKey(key);
    checkOpen();
    return reads.get(key, visibleSequence);
  }

  /**
   * A consistent snapshot of {@code [fromInclusive, toExclusive)}: the scan sees exactly the
   * writes that were visible when it started, whatever is written, flushed or compacted while
   * it runs, because it reads at one sequence number from a view whose tables stay on disk until
   * the iterator is closed. An iterator that is never closed keeps those tables forever.
   */
  @Override
  public KvIterator scan(byte[] fromInclusive, byte[] toExclusive) throws IOException {
    checkOpen();
    return reads.scan(fromInclusive, toExclusive, visibleSequence, true);
  }

  // ---- maintenance --------------------------------------------------------------------------

  @Override
  public void flush() throws IOException {
    checkOpen();
    wal.sync();
  }

  /**
   * Flushes the memtable, waits for every frozen memtable to reach L0, then compacts everything
   * into one sorted run (leveled: into the highest level that holds it; tiered: one run).
   */
  @Override
  public void compact() throws IOException {
    checkWritable();
    writeLock.lock();
    try {
      if (!memtable.isEmpty()) {
        // Bounded: each pass waits for a flush, which frees a slot, or fails.
        while (versions.immutableCount() >= options.maxImmutableMemtables()) {
          awaitBackgroundProgress();
        }
        switchMemtable();
      }
      while (versions.immutableCount() > 0) {
        awaitBackgroundProgress();
      }
    } finally {
      writeLock.unlock();
    }
    compactor.compactAll();
  }

  /**
   * Waits until no frozen memtable awaits a flush and the compaction policy plans nothing: the
   * tree has settled into the shape the policy wants (for experiments and benchmarks, which
   * should measure a settled tree). Returns at once with background compaction off.
   *
   * @throws IOException if a background job failed, or the wait exceeded {@code timeout}
   */
  public void awaitBackgroundWork(java.time.Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    writeLock.lock();
    try {
      // Bounded by the deadline.
      while (versions.immutableCount() > 0 || (options.backgroundCompaction()
          && compactor.policy().plan(versions.version()).isPresent())) {
        if (System.nanoTime() > deadline) {
          throw new IOException("background flushes and compactions of " + dir
              + " did not settle within " + timeout);
        }
        compactor.wake();
        awaitBackgroundProgress();
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Waits up to 100 ms for a flush or compaction to finish. REQUIRES: the write lock. */
  void awaitBackgroundProgress() throws IOException {
    checkWritable();
    try {
      backgroundProgress.await(100, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for a flush or compaction");
    }
    checkWritable();
  }

  /** Wakes writers waiting for room after a flush or compaction installed its result. */
  void signalBackgroundProgress() {
    writeLock.lock();
    try {
      backgroundProgress.signalAll();
    } finally {
      writeLock.unlock();
    }
  }

  /** Records a failed background job; writes fail from now on (reads continue). */
  void backgroundFailed(String job, Throwable failure) {
    if (backgroundError == null) {
      backgroundError = new IOException("background " + job + " failed: " + failure.getMessage()
          + "; reopen the database", failure);
    }
    signalBackgroundProgress();
  }

  @Override
  public EngineStats stats() throws IOException {
    checkOpen();
    long liveKeys = 0;
    checkOpen();
    try (KvIterator it = reads.scan(null, null, visibleSequence, false)) {
      // Bounded by the number of live keys; exact, at the cost of a full scan.
      while (it.hasNext()) {
        it.next();
        liveKeys++;
      }
    }
    var totals = counters.snapshot();
    return new EngineStats(NAME, liveKeys, totals.userBytes(), totals.diskBytes(),
        Directories.sizeBytes(dir), LsmStatsReport.details(this, liveKeys, totals));
  }


  // ---- for the background jobs, stalls and stats --------------------------------------------

  Path dir() {
    return dir;
  }

  LsmOptions options() {
    return options;
  }

  RecordLog wal() {
    return wal;
  }

  VersionSet versions() {
    return versions;
  }

  AmplificationCounters counters() {
    return counters;
  }

  ReadCounters reads() {
    return reads.counters();
  }

  WriteStalls stalls() {
    return stalls;
  }

  Flusher flusher() {
    return flusher;
  }

  Compactor compactor() {
    return compactor;
  }

  ReentrantLock writeLock() {
    return writeLock;
  }

  /** REQUIRES: the write lock. */
  MemTable activeMemtable() {
    return memtable;
  }

  long visibleSequence() {
    return visibleSequence;
  }

  boolean isClosed() {
    return closed;
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("database " + dir + " is closed");
    }
  }

  void checkWritable() throws IOException {
    checkOpen();
    IOException failure = backgroundError;
    if (failure != null) {
      throw new IOException(failure.getMessage(), failure);
    }
  }

  /**
   * Stops the background threads (a running compaction is abandoned; its inputs stay), records
   * the amplification counters, syncs and closes the WAL, and releases every file and the lock.
   * Frozen memtables not yet flushed are simply replayed from the WAL on the next open.
   */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      backgroundProgress.signalAll();
    } finally {
      writeLock.unlock();
    }
    IOException failure = null;
    try {
      flusher.stop();
      compactor.stop();
      if (backgroundError == null) {
        versions.manifest().log(dev.ddialab.storage.lsm.version.VersionEdit.builder()
            .counters(counters.snapshot()).build());
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      try {
        wal.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
      try {
        versions.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
      lock.close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
