package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Invariants;

/**
 * How an SSTable is written. Readers need none of it: every choice is recorded in the file.
 *
 * @param blockBytes a data block is closed once its contents reach this size (a soft limit: one
 *     large entry makes one large block)
 * @param restartInterval entries between restart points, where a key is stored whole; binary
 *     search within a block jumps between restart points, then scans at most this many entries
 * @param bloomBitsPerKey bloom filter bits per distinct user key; 0 writes no filter. 10 gives
 *     about 1% false positives
 * @param compression block compression
 */
public record TableOptions(int blockBytes, int restartInterval, int bloomBitsPerKey,
    Compression compression) {
  public TableOptions {
    Invariants.require(blockBytes >= 64 && blockBytes <= (64 << 20), "blockBytes %d outside"
        + " 64..64 MiB", blockBytes);
    Invariants.require(restartInterval >= 1 && restartInterval <= 1024,
        "restartInterval %d outside 1..1024", restartInterval);
    Invariants.require(bloomBitsPerKey >= 0 && bloomBitsPerKey <= 64,
        "bloomBitsPerKey %d outside 0..64", bloomBitsPerKey);
    Invariants.requireNonNull(compression, "compression");
  }

  public static TableOptions defaults() {
    return new TableOptions(4096, 16, 10, Compression.LZ4);
  }
}
