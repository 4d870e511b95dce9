package dev.ddialab.storage.lsm;

import dev.ddialab.storage.lsm.version.VersionEdit;
import dev.ddialab.storage.wal.RecordLog;
import java.util.concurrent.atomic.LongAdder;

/**
 * Write amplification's numerator and denominator over the database's life: user bytes (keys and
 * values asked to be written) against bytes written to the WAL, to flushed tables and to
 * compaction outputs. The totals as of each flush, compaction and clean close are stored in the
 * manifest ({@link VersionEdit.Counters}), so {@code ddia kv stats} shows lifetime figures; a
 * crash loses only what was counted since the last such edit. Thread-safe.
 */
final class AmplificationCounters {
  private final VersionEdit.Counters base;
  private final RecordLog wal;
  private final LongAdder user = new LongAdder();
  private final LongAdder flush = new LongAdder();
  private final LongAdder compaction = new LongAdder();

  AmplificationCounters(VersionEdit.Counters base, RecordLog wal) {
    this.base = base;
    this.wal = wal;
  }

  void userBytes(long bytes) {
    user.add(bytes);
  }

  void flushBytes(long bytes) {
    flush.add(bytes);
  }

  void compactionBytes(long bytes) {
    compaction.add(bytes);
  }

  VersionEdit.Counters snapshot() {
    return new VersionEdit.Counters(base.userBytes() + user.sum(),
        base.walBytes() + wal.stats().bytesAppended(), base.flushBytes() + flush.sum(),
        base.compactionBytes() + compaction.sum());
  }
}
