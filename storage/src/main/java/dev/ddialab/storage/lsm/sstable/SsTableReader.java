package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.storage.lsm.ByteReader;
import dev.ddialab.storage.lsm.InternalKey;
import dev.ddialab.storage.lsm.Lookup;
import dev.ddialab.storage.lsm.iterator.InternalIterator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one SSTable written by {@link SsTableWriter}. Opening reads and verifies the footer, the
 * index, the bloom filter and the properties, and keeps them in memory for the table's life; data
 * blocks are read on demand, verified, and kept in the shared {@link BlockCache}.
 *
 * <p>A point read checks nothing but the index and one data block (rarely two: a seek target can
 * fall between a block's last key and its index separator): binary search over the index's
 * restart points, then over the data block's. Every failure to decode is a
 * {@link CorruptTableException} naming the file and the offset of the block concerned; wrong data
 * is never returned.
 *
 * <p>Thread-safe: reads are positional and share nothing mutable. REQUIRES: the file is not
 * closed while a read runs (the engine reference-counts tables for that).
 */
public final class SsTableReader implements AutoCloseable {
  /** Largest block accepted: a 64 MiB value and a 64 KiB key, with room to spare. */
  static final int MAX_BLOCK_BYTES = 128 << 20;

  private final Path file;
  private final FileChannel channel;
  private final long fileBytes;
  private final BlockCache cache;
  private final long cacheId;
  private final Block index;
  private final BloomFilter filter;
  private final TableProperties properties;
  private final long dataEnd;

  private SsTableReader(Path file, FileChannel channel, long fileBytes, BlockCache cache,
      Footer footer) throws IOException {
    this.file = file;
    this.channel = channel;
    this.fileBytes = fileBytes;
    this.cache = cache;
    this.cacheId = BlockCache.newCacheId();
    this.index = decodeBlock(footer.index(), readContents(footer.index()));
    this.filter = footer.filter().size() == 0 ? null : decodeFilter(footer.filter());
    this.properties = decodeProperties(footer.properties());
    long metaStart = Math.min(footer.index().offset(), footer.properties().offset());
    this.dataEnd = footer.filter().size() == 0 ? metaStart
        : Math.min(metaStart, footer.filter().offset());
  }

  /**
   * Opens and verifies a table.
   *
   * @param cache where data blocks are cached; null reads every block from the file
   */
  public static SsTableReader open(Path file, BlockCache cache) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size < Footer.BYTES) {
        throw new CorruptTableException(file, 0, "file of " + size
            + " bytes is too short to be an sstable (footer is " + Footer.BYTES + ")");
      }
      byte[] footerBytes = new byte[Footer.BYTES];
      readFully(channel, file, size - Footer.BYTES, footerBytes);
      Footer footer = Footer.decode(footerBytes, file, size);
      return new SsTableReader(file, channel, size, cache, footer);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  public long fileBytes() {
    return fileBytes;
  }

  public TableProperties properties() {
    return properties;
  }

  public boolean hasFilter() {
    return filter != null;
  }

  /** False when the bloom filter rules the key out; true without a filter. */
  public boolean mayContain(long keyHash) {
    return filter == null || filter.mayContain(keyHash);
  }

  /** The newest version of {@code userKey} with sequence at most {@code snapshot}. */
  public Lookup get(byte[] userKey, long snapshot) throws IOException {
    byte[] target = InternalKey.encode(userKey, InternalKey.seekTrailer(snapshot));
    BlockIterator indexEntries = index.iterator();
    try {
      indexEntries.seek(target, 0, target.length);
    } catch (MalformedDataException e) {
      throw corruptIndex(e);
    }
    // Bounded: at most one step past the block the index named (see the class comment).
    while (indexEntries.isValid()) {
      BlockHandle handle = handleAt(indexEntries);
      Block block = readBlock(handle, true);
      BlockIterator entries = block.iterator();
      try {
        entries.seek(target, 0, target.length);
        if (entries.isValid()) {
          if (!entries.userKeyEquals(userKey)) {
            return Lookup.ABSENT;
          }
          return entries.isTombstone() ? Lookup.DELETED : Lookup.found(entries.value());
        }
      } catch (MalformedDataException e) {
        throw corruptBlock(handle, e);
      }
      try {
        indexEntries.next();
      } catch (MalformedDataException e) {
        throw corruptIndex(e);
      }
    }
    return Lookup.ABSENT;
  }

  /**
   * All entries in internal order.
   *
   * @param fillCache whether to use the block cache; a compaction reads each block once and
   *     should not evict the blocks readers use
   */
  public InternalIterator iterator(boolean fillCache) {
    return new TableIterator(this, index.iterator(), fillCache);
  }

  /** The data block an index entry points to. */
  BlockHandle handleAt(BlockIterator indexEntry) throws CorruptTableException {
    try {
      ByteReader in = new ByteReader(indexEntry.blockData(), indexEntry.valueOffset(),
          indexEntry.valueOffset() + indexEntry.valueLength());
      BlockHandle handle = BlockHandle.decode(in);
      in.expectEnd("block handle");
      if (!handle.fitsBefore(dataEnd)) {
        throw new MalformedDataException("block handle " + handle + " lies outside the data"
            + " blocks (which end at " + dataEnd + ")", indexEntry.entryOffset());
      }
      return handle;
    } catch (MalformedDataException e) {
      throw corruptIndex(e);
    }
  }

  /**
   * @param fillCache false for one-pass readers (compaction, counting scans): they neither look in
   *     the cache nor fill it, so they do not distort its hit rate or evict what readers use
   */
  Block readBlock(BlockHandle handle, boolean fillCache) throws IOException {
    if (cache != null && fillCache) {
      Block cached = cache.get(cacheId, handle.offset());
      if (cached != null) {
        return cached;
      }
    }
    Block block = decodeBlock(handle, readContents(handle));
    if (cache != null && fillCache) {
      cache.put(cacheId, handle.offset(), block);
    }
    return block;
  }

  private byte[] readContents(BlockHandle handle) throws IOException {
    if (!handle.fitsBefore(fileBytes - Footer.BYTES) || handle.size() > MAX_BLOCK_BYTES) {
      throw new CorruptTableException(file, handle.offset(), "block handle " + handle
          + " does not fit the file");
    }
    byte[] frame = new byte[(int) handle.size()];
    readFully(channel, file, handle.offset(), frame);
    return BlockCodec.readFrame(frame, file, handle.offset(), MAX_BLOCK_BYTES);
  }

  private Block decodeBlock(BlockHandle handle, byte[] contents) throws CorruptTableException {
    try {
      return Block.decode(contents);
    } catch (MalformedDataException e) {
      throw corruptBlock(handle, e);
    }
  }

  private BloomFilter decodeFilter(BlockHandle handle) throws IOException {
    try {
      return BloomFilter.decode(readContents(handle));
    } catch (MalformedDataException e) {
      throw corruptBlock(handle, e);
    }
  }

  private TableProperties decodeProperties(BlockHandle handle) throws IOException {
    try {
      return TableProperties.decode(readContents(handle));
    } catch (MalformedDataException e) {
      throw corruptBlock(handle, e);
    }
  }

  CorruptTableException corruptBlock(BlockHandle handle, MalformedDataException e) {
    return new CorruptTableException(file, handle.offset(), "block does not decode: "
        + e.getMessage() + " (within the block)", e);
  }

  CorruptTableException corruptIndex(MalformedDataException e) {
    return new CorruptTableException(file, fileBytes - Footer.BYTES, "index block does not"
        + " decode: " + e.getMessage(), e);
  }

  private static void readFully(FileChannel channel, Path file, long position, byte[] dst)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(dst);
    // Bounded: every pass reads at least one byte or throws.
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position + buffer.position());
      if (read < 0) {
        throw new EOFException("unexpected end of " + file + " at offset "
            + (position + buffer.position()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
