package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Invariants;
import java.util.Arrays;

/**
 * Collects the hashes of a table's distinct user keys and builds its {@link BloomFilter}. The
 * bit array is sized when the table is finished, at {@code bitsPerKey} bits per key (at least 64
 * bits), so a table of any size gets the configured false-positive rate. Not thread-safe.
 */
public final class BloomFilterBuilder {
  private final int bitsPerKey;
  private long[] hashes = new long[1024];
  private int count;

  public BloomFilterBuilder(int bitsPerKey) {
    Invariants.require(bitsPerKey >= 1, "bitsPerKey %d < 1", bitsPerKey);
    this.bitsPerKey = bitsPerKey;
  }

  public void addHash(long keyHash) {
    if (count == hashes.length) {
      hashes = Arrays.copyOf(hashes, count * 2);
    }
    hashes[count++] = keyHash;
  }

  /** The filter block's contents: {@code bits[m/8] u8(k)}. */
  public byte[] build() {
    long bitCount = Math.max(64, (long) count * bitsPerKey);
    int byteCount = (int) Math.min(Integer.MAX_VALUE / 8 - 1, (bitCount + 7) / 8);
    byte[] out = new byte[byteCount + 1];
    int probes = BloomFilter.probesFor(bitsPerKey);
    for (int i = 0; i < count; i++) {
      BloomFilter.set(out, byteCount * 8, probes, hashes[i]);
    }
    out[byteCount] = (byte) probes;
    return out;
  }
}
