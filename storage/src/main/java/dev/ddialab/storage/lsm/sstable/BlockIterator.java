package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.MalformedDataException;
import dev.ddialab.storage.lsm.InternalKey;
import dev.ddialab.storage.lsm.iterator.InternalIterator;
import java.util.Arrays;

/**
 * A cursor over one {@link Block}. A seek binary-searches the restart points (whose keys are
 * stored whole, so they are compared in place without copying), then decodes forward at most one
 * restart interval. The current key is rebuilt in a reused buffer; user keys and values are copied
 * out only when asked for.
 *
 * <p>Every length read from an entry is checked against the block before use; a bad one raises
 * {@link MalformedDataException} with the entry's offset in the block (the table reader adds the
 * file and the block's offset). Not thread-safe.
 */
public final class BlockIterator implements InternalIterator {
  private final Block block;
  private final byte[] data;
  private boolean valid;
  private int currentOffset;
  private int nextOffset;
  private byte[] key = new byte[64];
  private int keyLength;
  private int valueOffset;
  private int valueLength;
  private byte[] userKeyCopy;
  private byte[] valueCopy;
  /** Scratch for decoding varints: where the last one ended. */
  private int pos;

  BlockIterator(Block block) {
    this.block = block;
    this.data = block.data;
  }

  @Override
  public boolean isValid() {
    return valid;
  }

  @Override
  public void seekToFirst() {
    nextOffset = 0;
    keyLength = 0;
    advance();
  }

  @Override
  public void seek(byte[] userKey) {
    byte[] target = InternalKey.encode(userKey, InternalKey.seekTrailer(InternalKey.MAX_SEQUENCE));
    seek(target, 0, target.length);
  }

  /** Positions at the first entry whose internal key is {@code >=} the encoded target. */
  public void seek(byte[] target, int targetOffset, int targetLength) {
    // Find the last restart point whose key is below the target: the answer is after it.
    int lo = 0;
    int hi = block.restartCount - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      int at = block.restart(mid);
      pos = at;
      int shared = readVarint();
      int unshared = readVarint();
      readVarint();
      if (shared != 0 || unshared < InternalKey.TRAILER_BYTES || pos + unshared > block.restartsOffset) {
        throw new MalformedDataException("bad restart entry", at);
      }
      if (InternalKey.compareEncoded(data, pos, unshared, target, targetOffset, targetLength) < 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    nextOffset = block.restart(lo);
    keyLength = 0;
    // Bounded: each pass consumes one entry of the block.
    while (advance()) {
      if (InternalKey.compareEncoded(key, 0, keyLength, target, targetOffset, targetLength) >= 0) {
        return;
      }
    }
  }

  @Override
  public void next() {
    advance();
  }

  /** Decodes the entry at {@code nextOffset}; returns whether there was one. */
  private boolean advance() {
    userKeyCopy = null;
    valueCopy = null;
    if (nextOffset >= block.restartsOffset) {
      valid = false;
      return false;
    }
    currentOffset = nextOffset;
    pos = currentOffset;
    int shared = readVarint();
    int unshared = readVarint();
    int length = readVarint();
    if (shared > keyLength || shared + (long) unshared < InternalKey.TRAILER_BYTES
        || (long) pos + unshared + length > block.restartsOffset) {
      valid = false;
      throw new MalformedDataException("entry lengths (shared " + shared + ", unshared "
          + unshared + ", value " + length + ") do not fit the block", currentOffset);
    }
    int newLength = shared + unshared;
    if (key.length < newLength) {
      key = Arrays.copyOf(key, Math.max(newLength, key.length * 2));
    }
    System.arraycopy(data, pos, key, shared, unshared);
    keyLength = newLength;
    if (!InternalKey.isValidType(InternalKey.type(trailer()))) {
      valid = false;
      throw new MalformedDataException("unknown entry type " + InternalKey.type(trailer()),
          currentOffset);
    }
    valueOffset = pos + unshared;
    valueLength = length;
    nextOffset = valueOffset + length;
    valid = true;
    return true;
  }

  private int readVarint() {
    int result = 0;
    for (int shift = 0; shift <= 28; shift += 7) {
      if (pos >= block.restartsOffset) {
        throw new MalformedDataException("varint runs past the entries", pos);
      }
      int b = data[pos++] & 0xFF;
      if (shift == 28 && b > 0x07) {
        break; // would exceed Integer.MAX_VALUE
      }
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new MalformedDataException("varint too large for a block", pos);
  }

  /** The current encoded internal key is {@code keyBuffer()[0, keyLength())}. */
  public byte[] keyBuffer() {
    return key;
  }

  public int keyLength() {
    return keyLength;
  }

  public long trailer() {
    return Bytes.getLong(key, keyLength - InternalKey.TRAILER_BYTES);
  }

  /** Whether the current entry's user key equals {@code userKey}, compared in place. */
  public boolean userKeyEquals(byte[] userKey) {
    return Arrays.equals(key, 0, keyLength - InternalKey.TRAILER_BYTES, userKey, 0, userKey.length);
  }

  @Override
  public byte[] userKey() {
    if (userKeyCopy == null) {
      userKeyCopy = Arrays.copyOf(key, keyLength - InternalKey.TRAILER_BYTES);
    }
    return userKeyCopy;
  }

  @Override
  public long sequence() {
    return InternalKey.sequence(trailer());
  }

  @Override
  public boolean isTombstone() {
    return InternalKey.type(trailer()) == InternalKey.TYPE_DELETE;
  }

  @Override
  public byte[] value() {
    if (valueCopy == null) {
      valueCopy = Arrays.copyOfRange(data, valueOffset, valueOffset + valueLength);
    }
    return valueCopy;
  }

  /** The current value is {@code blockData()[valueOffset(), valueOffset() + valueLength())}. */
  public byte[] blockData() {
    return data;
  }

  public int valueOffset() {
    return valueOffset;
  }

  public int valueLength() {
    return valueLength;
  }

  /** Offset of the current entry in the block, for error messages. */
  public int entryOffset() {
    return currentOffset;
  }

  @Override
  public void close() {
    valid = false;
  }
}
