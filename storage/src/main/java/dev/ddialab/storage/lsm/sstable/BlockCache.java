package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Invariants;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded LRU cache of decoded data blocks, shared by every table of a database, so that hot
 * blocks are read and checksummed once. Sixteen shards, each an access-ordered map under its own
 * lock, keep contention low; each shard holds at most a sixteenth of the capacity, counted in
 * block bytes. A block larger than a quarter of a shard is not cached (one huge value must not
 * flush everything else).
 *
 * <p>Keys are a table's cache id (unique per opened table, never reused in a process) and the
 * block's offset. A deleted table's blocks are never looked up again and age out. Thread-safe.
 */
public final class BlockCache {
  private static final int SHARDS = 16;
  private static final int OFFSET_BITS = 40;
  private static final AtomicLong NEXT_CACHE_ID = new AtomicLong(1);

  private final long capacityBytes;
  private final Shard[] shards = new Shard[SHARDS];
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  public BlockCache(long capacityBytes) {
    Invariants.require(capacityBytes >= 0, "capacityBytes %d < 0", capacityBytes);
    this.capacityBytes = capacityBytes;
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = new Shard(capacityBytes / SHARDS);
    }
  }

  /** A fresh id for a table being opened. */
  static long newCacheId() {
    long id = NEXT_CACHE_ID.getAndIncrement();
    Invariants.check(id < (1L << (63 - OFFSET_BITS)), "block cache ids exhausted");
    return id;
  }

  private static long key(long cacheId, long offset) {
    return cacheId << OFFSET_BITS | offset;
  }

  private Shard shard(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return shards[(int) (h >>> 60)];
  }

  /** The cached block, or null; counts a hit or a miss. */
  public Block get(long cacheId, long offset) {
    long key = key(cacheId, offset);
    Block block = shard(key).get(key);
    (block == null ? misses : hits).increment();
    return block;
  }

  public void put(long cacheId, long offset, Block block) {
    long key = key(cacheId, offset);
    shard(key).put(key, block);
  }

  public long capacityBytes() {
    return capacityBytes;
  }

  public long usedBytes() {
    long used = 0;
    for (Shard shard : shards) {
      used += shard.usedBytes();
    }
    return used;
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  private static final class Shard {
    private final long capacityBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Long, Block> blocks = new LinkedHashMap<>(64, 0.75f, true);
    private long usedBytes;

    Shard(long capacityBytes) {
      this.capacityBytes = capacityBytes;
    }

    Block get(long key) {
      lock.lock();
      try {
        return blocks.get(key);
      } finally {
        lock.unlock();
      }
    }

    void put(long key, Block block) {
      long charge = block.sizeBytes();
      if (charge > capacityBytes / 4) {
        return;
      }
      lock.lock();
      try {
        Block old = blocks.put(key, block);
        if (old != null) {
          usedBytes -= old.sizeBytes();
        }
        usedBytes += charge;
        var eldest = blocks.entrySet().iterator();
        // Bounded by the number of cached blocks.
        while (usedBytes > capacityBytes && eldest.hasNext()) {
          Block evicted = eldest.next().getValue();
          eldest.remove();
          usedBytes -= evicted.sizeBytes();
        }
      } finally {
        lock.unlock();
      }
    }

    long usedBytes() {
      lock.lock();
      try {
        return usedBytes;
      } finally {
        lock.unlock();
      }
    }
  }
}
