package dev.ddialab.storage.hashlog;

import dev.ddialab.storage.Directories;
import dev.ddialab.core.Frame;
import dev.ddialab.core.Invariants;
import dev.ddialab.storage.DirectoryLock;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.EngineStats;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.WriteBatch;
import dev.ddialab.storage.wal.LogPosition;
import dev.ddialab.storage.wal.RecordLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Bitcask-style engine of DDIA ch. 3, "Hash Indexes": every write is appended to a log, and
 * an in-memory hash map from each key to the byte offset of its newest value makes a read one
 * positional read.
 *
 * <p>Files in the database directory: {@code log/} holds the {@link RecordLog} segments that
 * receive writes (the newest is active, older ones are closed and immutable); a merge rewrites
 * the closed segments into one {@link MergedFile} of live values plus a hint file, then deletes
 * them. Deletes are tombstone records. Start-up reads the newest merged file's hints and replays
 * only the segments written since.
 *
 * <p>Concurrency: writes are serialised by one lock (append, then index update, so the index
 * always points at the newest record); a synced write then waits for group commit outside the
 * lock, so concurrent writers share fsyncs. Reads are lock-free: an index lookup and a positional
 * read. A merge runs on its own thread and swaps locations in only where the key was not written
 * meanwhile. Files a merge made obsolete are deleted once no scan still reads them; a get that
 * raced with the deletion looks its key up again.
 *
 * <p>Scans are consistent snapshots: the sorted key range and locations are copied when the scan
 * starts (O(n) to collect, O(k log k) to sort; a hash index keeps no order), and the files they
 * point into are kept until the scan is closed.
 */
public final class HashLogEngine implements KvEngine {
  public static final String NAME = "hashlog";
  static final String LOG_DIR = "log";

  /**
   * @param segmentBytesMax size at which the active log segment is closed and a new one begun
   * @param mergeDeadRatio fraction of dead bytes in closed files that triggers a background merge
   * @param mergeBytesMin closed data smaller than this is not worth a background merge
   * @param backgroundMerge whether merges start by themselves; {@link #compact()} always works
   */
  public record Options(
      long segmentBytesMax, double mergeDeadRatio, long mergeBytesMin, boolean backgroundMerge) {
    public static Options defaults() {
      return new Options(64L << 20, 0.5, 8L << 20, true);
    }
  }

  private final Path dir;
  private final Options options;
  private final DirectoryLock lock;
  private final RecordLog log;
  private final KeyDir keyDir = new KeyDir();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Merger merger;
  /** Guarded by {@link #writeLock}. */
  private long userBytesWritten;
  private volatile boolean closed;

  private HashLogEngine(Path dir, Options options, DirectoryLock lock, RecordLog log) {
    this.dir = dir;
    this.options = options;
    this.lock = lock;
    this.log = log;
    this.merger = new Merger(this);
  }

  /** Opens (or, in an empty directory, starts) a hashlog database and rebuilds its index. */
  public static HashLogEngine open(Path dir, Options options) throws IOException {
    Files.createDirectories(dir);
    DirectoryLock lock = DirectoryLock.acquire(dir);
    RecordLog log = null;
    try {
      log = RecordLog.open(dir.resolve(LOG_DIR),
          new RecordLog.Options(options.segmentBytesMax(), RecordLog.Options.defaults().maxRecordBytes()));
      HashLogEngine engine = new HashLogEngine(dir, options, lock, log);
      engine.merger.recover();
      return engine;
    } catch (IOException | RuntimeException e) {
      if (log != null) {
        log.close();
      }
      lock.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  Path dir() {
    return dir;
  }

  Options options() {
    return options;
  }

  RecordLog log() {
    return log;
  }

  KeyDir keyDir() {
    return keyDir;
  }

  ReentrantLock writeLock() {
    return writeLock;
  }

  @Override
  public void put(byte[] key, byte[] value, Durability durability) throws IOException {
    KvEngine.checkBounds(key, value);
    byte[] record = RecordCodec.put(key, value);
    append(record, key.length + (long) value.length, durability);
  }

  @Override
  public void delete(byte[] key, Durability durability) throws IOException {
    KvEngine.checkKey(key);
    append(RecordCodec.delete(key), key.length, durability);
  }

  @Override
  public void write(WriteBatch batch, Durability durability) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    append(RecordCodec.batch(batch), batch.payloadBytes(), durability);
  }

  /** Appends one record and points the index at it; a synced write then awaits group commit. */
  private void append(byte[] record, long userBytes, Durability durability) throws IOException {
    long activeBefore;
    long activeAfter;
    writeLock.lock();
    try {
      checkOpen();
      activeBefore = log.activeSegmentId();
      long position = log.append(record);
      apply(position, record);
      userBytesWritten += userBytes;
      activeAfter = log.activeSegmentId();
    } finally {
      writeLock.unlock();
    }
    if (activeAfter != activeBefore) {
      merger.segmentClosed();
    }
    if (durability == Durability.SYNC) {
      log.sync();
    }
  }

  /** Applies a record found at {@code position} to the index: on write and on replay. */
  void apply(long position, byte[] record) {
    RecordCodec.decode(record, new RecordCodec.Visitor() {
      @Override
      public void put(byte[] key, int valueOffset, int valueLength, int opBytes) {
        int recordBytes = record[0] == RecordCodec.BATCH ? opBytes : Frame.encodedSize(opBytes);
        keyDir.put(key, new Location(position, valueOffset, valueLength, recordBytes));
      }

      @Override
      public void delete(byte[] key, int opBytes) {
        keyDir.remove(key);
      }
    });
  }

  @Override
  public Optional<byte[]> get(byte[] key) throws IOException {
    KvEngine.checkKey(key);
    checkOpen();
    // A merge may delete the file a location points into between the lookup and the read; the
    // index then already points at the value's new home, so looking again is enough.
    for (int attempt = 0; ; attempt++) {
      Location location = keyDir.get(key);
      if (location == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(readValue(location));
      } catch (IOException | IllegalStateException e) {
        if (attempt >= 3 || merger.isLive(LogPosition.segment(location.position()))) {
          throw e;
        }
      }
    }
  }

  byte[] readValue(Location location) throws IOException {
    byte[] payload = merger.read(location.position());
    Invariants.check(location.valueOffset() + (long) location.valueLength() <= payload.length,
        "value at %s overruns its %d-byte record", LogPosition.format(location.position()),
        payload.length);
    return Arrays.copyOfRange(payload, location.valueOffset(),
        location.valueOffset() + location.valueLength());
  }

  @Override
  public KvIterator scan(byte[] fromInclusive, byte[] toExclusive) throws IOException {
    List<Map.Entry<byte[], Location>> snapshot;
    writeLock.lock();
    try {
      checkOpen();
      snapshot = keyDir.sortedRange(fromInclusive, toExclusive);
      merger.scanOpened();
    } finally {
      writeLock.unlock();
    }
    return new KvIterator() {
      private int next;
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done && next < snapshot.size();
      }

      @Override
      public KvEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Map.Entry<byte[], Location> entry = snapshot.get(next++);
        try {
          return new KvEntry(entry.getKey().clone(), readValue(entry.getValue()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() {
        if (!done) {
          done = true;
          merger.scanClosed();
        }
      }
    };
  }

  @Override
  public void flush() throws IOException {
    checkOpen();
    log.sync();
  }

  @Override
  public void compact() throws IOException {
    checkOpen();
    merger.mergeNow();
  }

  @Override
  public EngineStats stats() throws IOException {
    checkOpen();
    long liveKeys;
    long liveBytes;
    long userBytes;
    writeLock.lock();
    try {
      liveKeys = keyDir.size();
      liveBytes = keyDir.liveBytes();
      userBytes = userBytesWritten;
    } finally {
      writeLock.unlock();
    }
    RecordLog.Stats logStats = log.stats();
    Merger.Stats mergeStats = merger.stats();
    long dataBytes = logStats.sizeBytes() + mergeStats.mergedDataBytes();
    long deadBytes = Math.max(0, dataBytes - liveBytes);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("log segments", Long.toString(logStats.segments()));
    details.put("active segment", Long.toString(log.activeSegmentId()));
    details.put("merged generation", mergeStats.generation() < 0 ? "none"
        : Long.toString(mergeStats.generation()));
    details.put("live keys", Long.toString(liveKeys));
    details.put("data bytes", dev.ddialab.core.Units.formatBytes(dataBytes));
    details.put("live bytes", dev.ddialab.core.Units.formatBytes(liveBytes));
    details.put("dead bytes", dev.ddialab.core.Units.formatBytes(deadBytes)
        + String.format(" (%.0f%%)", dataBytes == 0 ? 0.0 : 100.0 * deadBytes / dataBytes));
    details.put("merges", Long.toString(mergeStats.merges()));
    details.put("last merge reclaimed", dev.ddialab.core.Units.formatBytes(mergeStats.lastReclaimedBytes()));
    details.put("fsyncs (this process)",
        logStats.forces() + " for " + logStats.syncCalls() + " sync requests");
    return new EngineStats(NAME, liveKeys, userBytes,
        logStats.bytesAppended() + mergeStats.bytesWritten(), Directories.sizeBytes(dir), details);
  }


  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("database " + dir + " is closed");
    }
  }

  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      writeLock.unlock();
    }
    try {
      merger.close();
      log.close();
    } finally {
      lock.close();
    }
  }
}
