package dev.ddialab.storage.lsm;

import dev.ddialab.storage.lsm.iterator.InternalIterator;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory sorted buffer that receives every write after the WAL (DDIA ch. 3: "when a write
 * comes in, add it to an in-memory balanced tree data structure"): a concurrent skip list of
 * internal entries, so that readers and scans run without locks while the writer inserts.
 *
 * <p>Entries are only ever added, never changed or removed, and each carries its own sequence
 * number; so a reader at snapshot {@code s} sees a stable view by ignoring sequences above
 * {@code s}, and a scan over the weakly consistent skip-list iterator is a consistent snapshot.
 * Once full, the memtable is frozen (made immutable) and flushed to an L0 SSTable.
 *
 * <p>Thread-safety: one writer at a time (the engine's write lock); any number of readers.
 */
public final class MemTable {
  /** Rough per-entry cost of the skip-list node, index nodes and key object, in bytes. */
  private static final int ENTRY_OVERHEAD_BYTES = 80;

  /** An entry's key; ordered as internal keys (user key ascending, then newest first). */
  record Key(byte[] userKey, long trailer) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      return InternalKey.compare(userKey, trailer, other.userKey, other.trailer);
    }
  }

  private final ConcurrentSkipListMap<Key, byte[]> entries = new ConcurrentSkipListMap<>();
  private final AtomicLong approximateBytes = new AtomicLong();
  private final AtomicLong entryCount = new AtomicLong();
  private volatile long maxSequence = -1;
  /** The WAL segment that begins the next memtable's records; set when this one is frozen. */
  private volatile long walEndSegment = -1;

  /**
   * Adds a version. REQUIRES: the caller holds the engine's write lock and {@code sequence} is
   * above every sequence already added; the arrays are not modified afterwards.
   */
  public void add(byte[] userKey, long sequence, boolean tombstone, byte[] value) {
    long trailer = InternalKey.trailer(sequence,
        tombstone ? InternalKey.TYPE_DELETE : InternalKey.TYPE_PUT);
    byte[] stored = tombstone ? EMPTY : value;
    entries.put(new Key(userKey, trailer), stored);
    approximateBytes.addAndGet(userKey.length + (long) stored.length + ENTRY_OVERHEAD_BYTES);
    entryCount.incrementAndGet();
    maxSequence = sequence;
  }

  private static final byte[] EMPTY = new byte[0];

  /** The newest version of {@code userKey} with sequence at most {@code snapshot}. */
  public Lookup get(byte[] userKey, long snapshot) {
    Map.Entry<Key, byte[]> entry =
        entries.ceilingEntry(new Key(userKey, InternalKey.seekTrailer(snapshot)));
    if (entry == null || !Arrays.equals(entry.getKey().userKey, userKey)) {
      return Lookup.ABSENT;
    }
    if (InternalKey.type(entry.getKey().trailer) == InternalKey.TYPE_DELETE) {
      return Lookup.DELETED;
    }
    return Lookup.found(entry.getValue());
  }

  public long approximateBytes() {
    return approximateBytes.get();
  }

  public long entries() {
    return entryCount.get();
  }

  public boolean isEmpty() {
    return entryCount.get() == 0;
  }

  public long maxSequence() {
    return maxSequence;
  }

  void freeze(long walEndSegment) {
    this.walEndSegment = walEndSegment;
  }

  /** The first WAL segment not covered by this memtable; -1 while it still takes writes. */
  long walEndSegment() {
    return walEndSegment;
  }

  /**
   * Every version in internal order. The arrays handed out are the memtable's own; they are never
   * modified, and callers must not modify them either.
   */
  public InternalIterator iterator() {
    return new Cursor();
  }

  private final class Cursor implements InternalIterator {
    private Iterator<Map.Entry<Key, byte[]>> iterator;
    private Map.Entry<Key, byte[]> current;

    @Override
    public boolean isValid() {
      return current != null;
    }

    @Override
    public void seekToFirst() {
      iterator = entries.entrySet().iterator();
      step();
    }

    @Override
    public void seek(byte[] userKey) {
      Key from = new Key(userKey, InternalKey.seekTrailer(InternalKey.MAX_SEQUENCE));
      iterator = entries.tailMap(from, true).entrySet().iterator();
      step();
    }

    @Override
    public void next() {
      step();
    }

    private void step() {
      current = iterator.hasNext() ? iterator.next() : null;
    }

    @Override
    public byte[] userKey() {
      return current.getKey().userKey;
    }

    @Override
    public long sequence() {
      return InternalKey.sequence(current.getKey().trailer);
    }

    @Override
    public boolean isTombstone() {
      return InternalKey.type(current.getKey().trailer) == InternalKey.TYPE_DELETE;
    }

    @Override
    public byte[] value() {
      return current.getValue();
    }

    @Override
    public void close() {
      current = null;
    }
  }
}
