package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import dev.ddialab.storage.lsm.ByteSink;
import dev.ddialab.storage.lsm.InternalKey;
import java.util.Arrays;

/**
 * Builds one block: entries with prefix-compressed keys, then the restart array.
 *
 * <pre>
 *   entry    = varint(shared) varint(unshared) varint(valueLength) key[shared..] value
 *   restarts = u32 offset of each restart entry ... u32 restartCount
 * </pre>
 *
 * Each key is stored as the bytes it does not share with the previous key; every
 * {@code restartInterval}-th entry is a restart point that stores its key whole
 * ({@code shared = 0}), so a reader can binary-search the restart points and decode from there.
 * Keys are internal keys ({@code userKey ++ trailer}) and must be added in strictly increasing
 * internal order; the builder checks. Reusable after {@link #reset()}. Not thread-safe.
 */
public final class BlockBuilder {
  private final int restartInterval;
  private final ByteSink buffer;
  private int[] restarts = new int[16];
  private int restartCount;
  private int entriesSinceRestart;
  private int entries;
  private byte[] lastKey = new byte[64];
  private int lastKeyLength;

  public BlockBuilder(int restartInterval, int expectedBytes) {
    Invariants.require(restartInterval >= 1, "restartInterval %d < 1", restartInterval);
    this.restartInterval = restartInterval;
    this.buffer = new ByteSink(expectedBytes + expectedBytes / 4);
    reset();
  }

  public void reset() {
    buffer.reset();
    restarts[0] = 0;
    restartCount = 1;
    entriesSinceRestart = 0;
    entries = 0;
    lastKeyLength = 0;
  }

  public boolean isEmpty() {
    return entries == 0;
  }

  public int entries() {
    return entries;
  }

  /** The block's size if finished now. */
  public int estimatedBytes() {
    return buffer.size() + restartCount * 4 + 4;
  }

  /** Adds an entry whose key is {@code userKey ++ trailer}. */
  public void add(byte[] userKey, long trailer, byte[] value, int valueOffset, int valueLength) {
    int keyLength = userKey.length + InternalKey.TRAILER_BYTES;
    if (lastKey.length < keyLength) {
      lastKey = Arrays.copyOf(lastKey, Math.max(keyLength, lastKey.length * 2));
    }
    int shared = 0;
    if (entriesSinceRestart >= restartInterval) {
      if (restartCount == restarts.length) {
        restarts = Arrays.copyOf(restarts, restartCount * 2);
      }
      restarts[restartCount++] = buffer.size();
      entriesSinceRestart = 0;
    } else if (entries > 0) {
      int limit = Math.min(lastKeyLength - InternalKey.TRAILER_BYTES, userKey.length);
      int mismatch = Arrays.mismatch(lastKey, 0, limit, userKey, 0, limit);
      shared = mismatch < 0 ? limit : mismatch;
    }
    if (entries > 0 && compareWithLast(userKey, trailer) <= 0) {
      throw new dev.ddialab.core.InvariantViolation("block keys out of order: "
          + InternalKey.format(userKey, trailer) + " after " + InternalKey.format(
              Arrays.copyOf(lastKey, lastKeyLength - 8), Bytes.getLong(lastKey, lastKeyLength - 8)));
    }
    // The trailer is never shared: it changes with every entry, and sharing it saves little.
    int unsharedUser = userKey.length - shared;
    buffer.putVarint(shared).putVarint(unsharedUser + InternalKey.TRAILER_BYTES)
        .putVarint(valueLength);
    buffer.put(userKey, shared, unsharedUser).putLong(trailer);
    buffer.put(value, valueOffset, valueLength);
    System.arraycopy(userKey, 0, lastKey, 0, userKey.length);
    Bytes.putLong(lastKey, userKey.length, trailer);
    lastKeyLength = keyLength;
    entriesSinceRestart++;
    entries++;
  }

  private int compareWithLast(byte[] userKey, long trailer) {
    int lastUserLength = lastKeyLength - InternalKey.TRAILER_BYTES;
    int c = Arrays.compareUnsigned(userKey, 0, userKey.length, lastKey, 0, lastUserLength);
    return c != 0 ? c : Long.compareUnsigned(Bytes.getLong(lastKey, lastUserLength), trailer);
  }

  /** The last key added, encoded. REQUIRES: not empty. */
  public byte[] lastKey() {
    Invariants.check(entries > 0, "no key in an empty block");
    return Arrays.copyOf(lastKey, lastKeyLength);
  }

  /** Appends the restart array and returns the block's bytes in {@code buffer()[0, size)}. */
  public ByteSink finish() {
    for (int i = 0; i < restartCount; i++) {
      buffer.putInt(restarts[i]);
    }
    buffer.putInt(restartCount);
    return buffer;
  }
}
