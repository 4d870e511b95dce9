package dev.ddialab.bench.peers;

import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Adapts a peer's forward iterator (already positioned at the scan's start) to
 * {@link KvIterator}: stops before {@code toExclusive} and releases the peer's resources once.
 */
final class BoundedIterator implements KvIterator {
  private final Iterator<KvEntry> entries;
  private final byte[] toExclusive;
  private final Runnable release;
  private KvEntry peeked;
  private boolean closed;

  BoundedIterator(Iterator<KvEntry> entries, byte[] toExclusive, Runnable release) {
    this.entries = entries;
    this.toExclusive = toExclusive;
    this.release = release;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (peeked == null && entries.hasNext()) {
      peeked = entries.next();
    }
    return peeked != null
        && (toExclusive == null || Arrays.compareUnsigned(peeked.key(), toExclusive) < 0);
  }

  @Override
  public KvEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    KvEntry entry = peeked;
    peeked = null;
    return entry;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      release.run();
    }
  }
}
