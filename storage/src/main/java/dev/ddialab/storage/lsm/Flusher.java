package dev.ddialab.storage.lsm;

import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.VersionEdit;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The flush thread: writes each frozen memtable, oldest first, to one L0 table (the newest
 * version of each key; tombstones kept, since older versions may lie below), then records it in
 * the manifest together with the WAL position it covers, installs it, and deletes the WAL
 * segments it made redundant. Order matters for crashes: the table is forced and named before
 * the edit, and the edit synced before the WAL goes, so at every moment the data is in the WAL,
 * in a table the manifest names, or both.
 */
final class Flusher {
  private final LsmEngine engine;
  private final BackgroundWorker worker;
  final LongAdder flushes = new LongAdder();
  final LongAdder bytesWritten = new LongAdder();

  Flusher(LsmEngine engine) {
    this.engine = engine;
    this.worker = new BackgroundWorker("flush", engine, this::flushAll);
  }

  void start() {
    worker.start();
  }

  void wake() {
    worker.wake();
  }

  /** Stops the thread after the flush in progress, if any, finishes or is abandoned. */
  void stop() {
    worker.stop();
  }

  /** Flushes frozen memtables, oldest first, until none is left or the engine closes. */
  private void flushAll() throws IOException {
    MemTable oldest;
    // Bounded: each pass removes one frozen memtable, of which there are a bounded number.
    while (!engine.isClosed() && (oldest = engine.versions().oldestImmutable()) != null) {
      flush(oldest);
    }
  }

  private void flush(MemTable memtable) throws IOException {
    VersionSet versions = engine.versions();
    TableOutputs outputs = new TableOutputs(versions, engine.options().table(), Long.MAX_VALUE);
    List<FileMeta> tables;
    boolean installing = false;
    try {
      outputs.writeNewestVersions(memtable.iterator(), false, engine::isClosed);
      tables = outputs.finish();
      engine.counters().flushBytes(outputs.bytesWritten());
      VersionEdit.Builder edit = VersionEdit.builder()
          .logNumber(memtable.walEndSegment())
          .lastSequence(memtable.maxSequence())
          .nextFileNumber(versions.peekNextFileNumber())
          .counters(engine.counters().snapshot());
      tables.forEach(t -> edit.add(0, t));
      installing = true;
      versions.install(edit.build(), outputs.readers(), memtable);
    } catch (IOException | RuntimeException e) {
      outputs.abandon(e, installing);
      throw e;
    }
    flushes.increment();
    bytesWritten.add(outputs.bytesWritten());
    engine.wal().deleteSegmentsBefore(memtable.walEndSegment());
    engine.signalBackgroundProgress();
    engine.compactor().wake();
  }
}
