package dev.ddialab.storage.lsm.version;

import dev.ddialab.core.Invariants;
import dev.ddialab.storage.wal.Cursor;
import dev.ddialab.storage.wal.LogPosition;
import dev.ddialab.storage.wal.RecordLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The LSM-tree's durable table of contents: every {@link VersionEdit}, appended to a
 * {@link RecordLog} and synced before the engine acts on it (reads the new tables, deletes the
 * old ones, deletes flushed WAL segments). Replaying the log rebuilds the current {@link State}.
 *
 * <p>The log would grow with every flush and compaction, so once it exceeds
 * {@code rotateBytes} the manifest starts a new segment whose first record is a snapshot edit of
 * the whole state, syncs it, and deletes the older segments. A crash at any point of that leaves
 * either the old segments (complete) or the snapshot after them; replay handles both, because a
 * snapshot edit resets the version before it applies.
 *
 * <p>Thread-safety: {@link #log} is synchronized; edits are applied in the order logged.
 */
public final class Manifest implements AutoCloseable {
  /**
   * The state the manifest describes.
   *
   * @param logNumber WAL segments below this hold only flushed writes
   * @param nextFileNumber above every file number the manifest has seen
   * @param lastSequence at least every sequence number in a table
   */
  public record State(Version version, long logNumber, long nextFileNumber, long lastSequence,
      VersionEdit.Counters counters) {
    public static State initial(int levels) {
      return new State(Version.empty(levels), 0, 1, 0, VersionEdit.Counters.ZERO);
    }

    /** The state after {@code edit}; fails without effect if the edit does not fit. */
    public State apply(VersionEdit edit) {
      Version next = edit.snapshot() ? Version.empty(version.levelCount()).apply(edit)
          : version.apply(edit);
      long maxNumber = 0;
      for (VersionEdit.NewFile n : edit.added()) {
        maxNumber = Math.max(maxNumber, n.meta().number());
      }
      return new State(next, Math.max(logNumber, edit.logNumber()),
          Math.max(Math.max(nextFileNumber, edit.nextFileNumber()), maxNumber + 1),
          Math.max(lastSequence, edit.lastSequence()),
          edit.counters() != null ? edit.counters() : counters);
    }

    /** A snapshot edit that rebuilds this state from nothing. */
    VersionEdit toSnapshot() {
      VersionEdit.Builder edit = VersionEdit.builder().snapshot().logNumber(logNumber)
          .nextFileNumber(nextFileNumber).lastSequence(lastSequence).counters(counters);
      for (int level = 0; level < version.levelCount(); level++) {
        for (FileMeta f : version.level(level)) {
          edit.add(level, f);
        }
      }
      return edit.build();
    }
  }

  private final RecordLog log;
  private final long rotateBytes;
  private final long replayedRecords;
  private State state;

  private Manifest(RecordLog log, long rotateBytes, State state, long replayedRecords) {
    this.log = log;
    this.rotateBytes = rotateBytes;
    this.state = state;
    this.replayedRecords = replayedRecords;
  }

  /**
   * Opens the manifest log in {@code dir} (created if missing) and replays it. A damaged record
   * is an {@link IOException} naming the segment file and offset.
   */
  public static Manifest open(Path dir, int levels, long rotateBytes) throws IOException {
    Invariants.require(rotateBytes > 0, "rotateBytes %d <= 0", rotateBytes);
    RecordLog log = RecordLog.open(dir, RecordLog.Options.defaults());
    try {
      State state = State.initial(levels);
      long records = 0;
      try (Cursor cursor = log.cursorFromStart()) {
        while (cursor.next()) {
          records++;
          try {
            state = state.apply(VersionEditCodec.decode(cursor.payload()));
          } catch (RuntimeException e) {
            long position = cursor.position();
            throw new IOException("bad manifest record in "
                + log.segmentFile(LogPosition.segment(position)) + " at offset "
                + LogPosition.offset(position) + ": " + e.getMessage(), e);
          }
        }
      }
      return new Manifest(log, rotateBytes, state, records);
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  public synchronized State state() {
    return state;
  }

  /** Whether open found no record at all: a new database, or a lost manifest. */
  public boolean wasEmptyAtOpen() {
    return replayedRecords == 0;
  }

  /**
   * Applies {@code edit} to the current state, appends it and syncs it; returns the new state.
   * An edit that does not fit the state fails before anything is written.
   */
  public synchronized State log(VersionEdit edit) throws IOException {
    State next = state.apply(edit);
    byte[] record = VersionEditCodec.encode(edit);
    log.append(record);
    log.sync();
    state = next;
    if (log.stats().sizeBytes() > rotateBytes) {
      rotate();
    }
    return next;
  }

  private void rotate() throws IOException {
    long segment = log.rollSegment();
    byte[] snapshot = VersionEditCodec.encode(state.toSnapshot());
    log.append(snapshot);
    log.sync();
    log.deleteSegmentsBefore(segment);
  }

  public long sizeBytes() {
    return log.stats().sizeBytes();
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
