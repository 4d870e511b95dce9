package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.storage.lsm.iterator.InternalIterator;
import java.io.IOException;

/**
 * A two-level cursor over a table: the index iterator picks a data block, a block iterator walks
 * it, and running off a block's end moves to the next block (skipping a block a seek target fell
 * past). Decoding errors become {@link CorruptTableException}s naming the file and block. Not
 * thread-safe.
 */
final class TableIterator implements InternalIterator {
  private final SsTableReader table;
  private final BlockIterator indexEntries;
  private final boolean fillCache;
  private BlockIterator data;
  private BlockHandle dataHandle;

  TableIterator(SsTableReader table, BlockIterator indexEntries, boolean fillCache) {
    this.table = table;
    this.indexEntries = indexEntries;
    this.fillCache = fillCache;
  }

  @Override
  public boolean isValid() {
    return data != null && data.isValid();
  }

  @Override
  public void seekToFirst() throws IOException {
    try {
      indexEntries.seekToFirst();
    } catch (MalformedDataException e) {
      throw table.corruptIndex(e);
    }
    openBlock();
    if (data != null) {
      guard(data::seekToFirst);
    }
    skipExhaustedBlocks();
  }

  @Override
  public void seek(byte[] userKey) throws IOException {
    try {
      indexEntries.seek(userKey);
    } catch (MalformedDataException e) {
      throw table.corruptIndex(e);
    }
    openBlock();
    if (data != null) {
      guard(() -> data.seek(userKey));
    }
    skipExhaustedBlocks();
  }

  @Override
  public void next() throws IOException {
    guard(data::next);
    skipExhaustedBlocks();
  }

  private void openBlock() throws IOException {
    if (!indexEntries.isValid()) {
      data = null;
      return;
    }
    dataHandle = table.handleAt(indexEntries);
    data = table.readBlock(dataHandle, fillCache).iterator();
  }

  private void skipExhaustedBlocks() throws IOException {
    // Bounded: each pass moves the index forward by one entry.
    while (data != null && !data.isValid()) {
      try {
        indexEntries.next();
      } catch (MalformedDataException e) {
        throw table.corruptIndex(e);
      }
      openBlock();
      if (data != null) {
        guard(data::seekToFirst);
      }
    }
  }

  private interface Step {
    void run();
  }

  private void guard(Step step) throws CorruptTableException {
    try {
      step.run();
    } catch (MalformedDataException e) {
      throw table.corruptBlock(dataHandle, e);
    }
  }

  @Override
  public byte[] userKey() {
    return data.userKey();
  }

  @Override
  public long sequence() {
    return data.sequence();
  }

  @Override
  public boolean isTombstone() {
    return data.isTombstone();
  }

  @Override
  public byte[] value() {
    return data.value();
  }

  @Override
  public void close() {
    data = null;
  }
}
