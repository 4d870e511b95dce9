package dev.ddialab.storage.lsm.iterator;

import java.io.IOException;

/**
 * A cursor over internal entries (user key, sequence, type, value) in internal order: user key
 * ascending, newest version first. Every LSM component exposes one (memtable, SSTable block,
 * table, level), and the {@link MergingIterator} combines them. Versions and tombstones are all
 * visible here; {@link SnapshotIterator} turns them into what a user sees.
 *
 * <p>Contract: a new iterator is unpositioned; call {@link #seekToFirst()} or {@link #seek}.
 * Accessors require {@link #isValid()}. Arrays returned by {@link #userKey()} and
 * {@link #value()} stay unchanged after the iterator moves, so callers may keep them. A damaged
 * source makes a move throw {@link IOException}; it never yields wrong data. Not thread-safe.
 */
public interface InternalIterator extends AutoCloseable {
  boolean isValid();

  void seekToFirst() throws IOException;

  /** Positions at the first entry whose user key is {@code >= userKey} (its newest version). */
  void seek(byte[] userKey) throws IOException;

  /** REQUIRES: {@link #isValid()}. */
  void next() throws IOException;

  byte[] userKey();

  long sequence();

  boolean isTombstone();

  /** The value; empty for a tombstone. */
  byte[] value();

  @Override
  void close();
}
