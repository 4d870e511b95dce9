package dev.ddialab.storage.lsm.iterator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges sorted sources into one stream in internal order (DDIA ch. 3: "merging segments is
 * simple and efficient, even if the files are bigger than the available memory ... like the one
 * used in the mergesort algorithm"). A heap holds each source's current entry; the smallest
 * internal key is current. Versions are not collapsed here: every version of every key comes
 * out, newest first, and {@link SnapshotIterator} or a compaction decides what survives.
 *
 * <p>Two sources never hold the same internal key (sequence numbers are unique); if they did,
 * the one listed first (the newer source, by the caller's convention) would come out first.
 * Closing closes every source. Not thread-safe.
 */
public final class MergingIterator implements InternalIterator {
  private record Source(InternalIterator iterator, int rank) {}

  private final List<Source> sources = new ArrayList<>();
  private final PriorityQueue<Source> heap;
  private Source current;

  /** @param sources newest first */
  public MergingIterator(List<? extends InternalIterator> sources) {
    for (int i = 0; i < sources.size(); i++) {
      this.sources.add(new Source(sources.get(i), i));
    }
    this.heap = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> {
      int c = java.util.Arrays.compareUnsigned(a.iterator.userKey(), b.iterator.userKey());
      if (c != 0) {
        return c;
      }
      c = Long.compare(b.iterator.sequence(), a.iterator.sequence()); // newest first
      return c != 0 ? c : Integer.compare(a.rank, b.rank);
    });
  }

  @Override
  public boolean isValid() {
    return current != null;
  }

  @Override
  public void seekToFirst() throws IOException {
    heap.clear();
    for (Source source : sources) {
      source.iterator.seekToFirst();
      if (source.iterator.isValid()) {
        heap.add(source);
      }
    }
    current = heap.poll();
  }

  @Override
  public void seek(byte[] userKey) throws IOException {
    heap.clear();
    for (Source source : sources) {
      source.iterator.seek(userKey);
      if (source.iterator.isValid()) {
        heap.add(source);
      }
    }
    current = heap.poll();
  }

  @Override
  public void next() throws IOException {
    current.iterator.next();
    if (current.iterator.isValid()) {
      heap.add(current);
    }
    current = heap.poll();
  }

  @Override
  public byte[] userKey() {
    return current.iterator.userKey();
  }

  @Override
  public long sequence() {
    return current.iterator.sequence();
  }

  @Override
  public boolean isTombstone() {
    return current.iterator.isTombstone();
  }

  @Override
  public byte[] value() {
    return current.iterator.value();
  }

  @Override
  public void close() {
    for (Source source : sources) {
      source.iterator.close();
    }
    heap.clear();
    current = null;
  }
}
