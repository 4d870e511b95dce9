package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.MalformedDataException;

/**
 * A decoded, immutable block (format: {@link BlockBuilder}). Decoding checks the restart array
 * (count, bounds, order) once, so iterators can trust it; entries are checked as they are read.
 * Blocks are shared between threads through the {@link BlockCache}; each reader takes its own
 * {@link BlockIterator}.
 */
public final class Block {
  final byte[] data;
  final int restartsOffset;
  final int restartCount;

  private Block(byte[] data, int restartsOffset, int restartCount) {
    this.data = data;
    this.restartsOffset = restartsOffset;
    this.restartCount = restartCount;
  }

  /** @throws MalformedDataException if the restart array is inconsistent */
  public static Block decode(byte[] contents) {
    if (contents.length < 8) {
      throw new MalformedDataException("block of " + contents.length
          + " bytes is too short for a restart array", 0);
    }
    long count = Integer.toUnsignedLong(Bytes.getInt(contents, contents.length - 4));
    long restartsOffset = contents.length - 4 - 4 * count;
    if (count < 1 || restartsOffset < 0) {
      throw new MalformedDataException("restart count " + count + " does not fit a block of "
          + contents.length + " bytes", contents.length - 4);
    }
    int previous = -1;
    for (int i = 0; i < count; i++) {
      int at = (int) restartsOffset + 4 * i;
      int restart = Bytes.getInt(contents, at);
      boolean ok = i == 0 ? restart == 0 : restart > previous && restart < restartsOffset;
      if (!ok) {
        throw new MalformedDataException("restart point " + i + " at " + restart
            + " is out of order or outside the entries", at);
      }
      previous = restart;
    }
    return new Block(contents, (int) restartsOffset, (int) count);
  }

  int restart(int i) {
    return Bytes.getInt(data, restartsOffset + 4 * i);
  }

  /** Bytes this block holds in memory: what the block cache charges. */
  public int sizeBytes() {
    return data.length;
  }

  public BlockIterator iterator() {
    return new BlockIterator(this);
  }
}
