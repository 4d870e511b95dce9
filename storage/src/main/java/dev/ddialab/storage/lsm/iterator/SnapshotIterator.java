package dev.ddialab.storage.lsm.iterator;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * What a user sees of the merged internal stream at one snapshot: for each user key, the newest
 * version whose sequence is at most the snapshot, unless that version is a tombstone; older
 * versions and newer writes are skipped. This is what makes a scan one consistent view while
 * writes continue: they get higher sequence numbers and are invisible to it.
 *
 * <p>Keys are limited to {@code [from, to)} ({@code null} bounds are open). Arrays returned are
 * copies that belong to the caller. I/O errors surface as {@link UncheckedIOException}, since
 * {@link java.util.Iterator} cannot throw checked exceptions. {@link #close()} closes the
 * sources and runs {@code onClose} once (the engine releases the files the scan held). Not
 * thread-safe.
 */
public final class SnapshotIterator implements KvIterator {
  private final InternalIterator merged;
  private final long snapshot;
  private final byte[] to;
  private final Runnable onClose;
  private KvEntry pending;
  private boolean done;
  private boolean closed;

  private SnapshotIterator(InternalIterator merged, long snapshot, byte[] to, Runnable onClose) {
    this.merged = merged;
    this.snapshot = snapshot;
    this.to = to;
    this.onClose = onClose;
  }

  /** Positions a new iterator at {@code from}; on failure closes the source and runs onClose. */
  public static SnapshotIterator open(InternalIterator merged, long snapshot, byte[] from,
      byte[] to, Runnable onClose) throws IOException {
    SnapshotIterator it = new SnapshotIterator(merged, snapshot, to == null ? null : to.clone(),
        onClose);
    try {
      if (from == null) {
        merged.seekToFirst();
      } else {
        merged.seek(from);
      }
    } catch (IOException | RuntimeException e) {
      it.close();
      throw e;
    }
    return it;
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !done) {
      try {
        pending = findNext();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      done = pending == null;
    }
    return pending != null;
  }

  @Override
  public KvEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    KvEntry entry = pending;
    pending = null;
    return entry;
  }

  private KvEntry findNext() throws IOException {
    if (closed) {
      throw new IllegalStateException("iterator is closed");
    }
    // Bounded by the entries of the sources: every pass consumes at least one.
    while (merged.isValid()) {
      if (merged.sequence() > snapshot) {
        merged.next(); // written after this view was taken
        continue;
      }
      byte[] key = merged.userKey();
      if (to != null && Bytes.compare(key, to) >= 0) {
        return null;
      }
      boolean tombstone = merged.isTombstone();
      byte[] value = tombstone ? null : merged.value();
      do {
        merged.next(); // older versions of the same key are shadowed
      } while (merged.isValid() && Arrays.equals(merged.userKey(), key));
      if (!tombstone) {
        return new KvEntry(key.clone(), value.clone());
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    done = true;
    pending = null;
    try {
      merged.close();
    } finally {
      onClose.run();
    }
  }
}
