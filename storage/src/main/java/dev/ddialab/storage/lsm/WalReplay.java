package dev.ddialab.storage.lsm;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.storage.lsm.version.Manifest;
import dev.ddialab.storage.wal.Cursor;
import dev.ddialab.storage.wal.LogPosition;
import dev.ddialab.storage.wal.RecordLog;
import java.io.IOException;

/**
 * Recovery of the writes that had not reached a table: the WAL segments from the manifest's
 * {@code logNumber} on are replayed, in order, into a memtable. Segments below it were flushed
 * before the crash but not yet deleted; they are deleted first. The record log has already cut
 * a torn tail and refuses damage elsewhere, so what is replayed is exactly what was written.
 */
final class WalReplay {
  private WalReplay() {}

  /** Replays into {@code memtable}; returns the last sequence number in use. */
  static long replay(RecordLog wal, Manifest.State state, MemTable memtable) throws IOException {
    long logNumber = state.logNumber();
    long active = wal.activeSegmentId();
    if (logNumber > active) {
      throw new IOException("the manifest says WAL segments below " + logNumber + " are flushed,"
          + " but the WAL in " + wal.dir() + " ends at segment " + active);
    }
    if (logNumber > wal.segmentIds().getFirst()) {
      wal.deleteSegmentsBefore(logNumber);
    }
    long last = state.lastSequence();
    try (Cursor cursor = wal.cursorFromStart()) {
      while (cursor.next()) {
        try {
          last = Math.max(last, WalRecord.decode(cursor.payload(),
              (sequence, tombstone, key, value) -> memtable.add(key, sequence, tombstone, value)));
        } catch (MalformedDataException e) {
          long at = cursor.position();
          throw new IOException("malformed WAL record in "
              + wal.segmentFile(LogPosition.segment(at)) + " at offset " + LogPosition.offset(at)
              + ": " + e.getMessage(), e);
        }
      }
    }
    return last;
  }
}
