package dev.ddialab.storage.lsm.iterator;

import dev.ddialab.core.Bytes;
import java.io.IOException;
import java.util.List;

/**
 * A cursor over a run of sorted, non-overlapping sources in key order, such as the tables of one
 * level L1+ (LevelDB's "concatenating iterator"): a seek binary-searches the sources by their
 * largest key and opens only the one that can hold the target; only one source is open at a
 * time. Not thread-safe.
 */
public final class ConcatenatingIterator implements InternalIterator {
  /** One source, opened on demand. */
  public interface Part {
    byte[] largestUserKey();

    InternalIterator open();
  }

  private final List<? extends Part> parts;
  private int index = -1;
  private InternalIterator current;

  /** @param parts sorted by key, non-overlapping */
  public ConcatenatingIterator(List<? extends Part> parts) {
    this.parts = parts;
  }

  @Override
  public boolean isValid() {
    return current != null && current.isValid();
  }

  @Override
  public void seekToFirst() throws IOException {
    openPart(0);
    if (current != null) {
      current.seekToFirst();
    }
    skipExhausted();
  }

  @Override
  public void seek(byte[] userKey) throws IOException {
    // The first part whose largest key is >= the target.
    int lo = 0;
    int hi = parts.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Bytes.compare(parts.get(mid).largestUserKey(), userKey) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    openPart(lo);
    if (current != null) {
      current.seek(userKey);
    }
    skipExhausted();
  }

  @Override
  public void next() throws IOException {
    current.next();
    skipExhausted();
  }

  private void openPart(int i) {
    if (current != null) {
      current.close();
      current = null;
    }
    index = i;
    if (i < parts.size()) {
      current = parts.get(i).open();
    }
  }

  private void skipExhausted() throws IOException {
    // Bounded: each pass moves to the next part.
    while (current != null && !current.isValid()) {
      openPart(index + 1);
      if (current != null) {
        current.seekToFirst();
      }
    }
  }

  @Override
  public byte[] userKey() {
    return current.userKey();
  }

  @Override
  public long sequence() {
    return current.sequence();
  }

  @Override
  public boolean isTombstone() {
    return current.isTombstone();
  }

  @Override
  public byte[] value() {
    return current.value();
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
