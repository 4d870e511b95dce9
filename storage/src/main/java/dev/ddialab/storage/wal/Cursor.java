package dev.ddialab.storage.wal;

import java.io.IOException;

/**
 * Sequential iteration over records, oldest first:
 * {@code while (cursor.next()) use(cursor.payload())}.
 *
 * <p>{@link #position()} is always a packed {@link LogPosition}, also for a single segment's
 * cursor ({@link SegmentReader#cursor}), so that its results can go straight into an index. A
 * damaged record makes {@link #next()} throw {@link CorruptLogException}; it never yields wrong
 * data. Not thread-safe: one cursor per thread. Closing releases the read buffer; the underlying
 * files stay open (they belong to the reader or log).
 */
public interface Cursor extends AutoCloseable {
  /** Advances to the next record; false when there is none (yet). */
  boolean next() throws IOException;

  /** The current record's position. REQUIRES: the last {@link #next()} returned true. */
  long position();

  /**
   * The current record's payload (a fresh array). REQUIRES: the last {@link #next()} returned
   * true.
   */
  byte[] payload();

  @Override
  void close();
}
