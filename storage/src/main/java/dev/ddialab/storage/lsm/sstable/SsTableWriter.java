package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import dev.ddialab.storage.lsm.ByteSink;
import dev.ddialab.storage.lsm.InternalKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes one SSTable, front to back: data blocks, then the filter, properties and index blocks,
 * then the {@link Footer}. Layout: {@code docs/format.md}, "SSTable".
 *
 * <p>Entries must arrive in strictly increasing internal order (checked). A data block is closed
 * once it reaches {@link TableOptions#blockBytes()}; its index entry is written when the next key
 * is known, as the shortest separator between the two blocks (LevelDB's trick: the index then
 * holds short keys, not whole ones). {@link #finish()} forces the file; the caller makes its name
 * durable (directory fsync) and records it in the manifest. A table that is not finished is
 * garbage: {@link #abandon()} deletes it, and recovery deletes any table the manifest does not
 * name. Not thread-safe.
 */
public final class SsTableWriter implements AutoCloseable {
  private static final int FLUSH_BYTES = 256 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final TableOptions options;
  private final BlockBuilder dataBlock;
  private final BlockBuilder indexBlock;
  private final BloomFilterBuilder bloom;
  private final ByteSink out = new ByteSink(FLUSH_BYTES + 64 * 1024);
  private final ByteSink scratch = new ByteSink(8 * 1024);
  private final ByteSink handleBytes = new ByteSink(24);
  private long flushedBytes;
  private byte[] pendingIndexKey;
  private BlockHandle pendingHandle;
  private byte[] lastUserKey;
  private long lastTrailer;
  private byte[] smallestUserKey;
  private long entries;
  private long tombstones;
  private long dataBlocks;
  private long rawKeyBytes;
  private long rawValueBytes;
  private long minSequence = Long.MAX_VALUE;
  private long maxSequence = -1;
  private boolean finished;
  private boolean closed;

  private SsTableWriter(Path file, FileChannel channel, TableOptions options) {
    this.file = file;
    this.channel = channel;
    this.options = options;
    this.dataBlock = new BlockBuilder(options.restartInterval(), options.blockBytes());
    this.indexBlock = new BlockBuilder(1, 4096);
    this.bloom = options.bloomBitsPerKey() > 0
        ? new BloomFilterBuilder(options.bloomBitsPerKey()) : null;
  }

  /** Creates {@code file}, which must not exist. */
  public static SsTableWriter create(Path file, TableOptions options) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    return new SsTableWriter(file, channel, options);
  }

  public Path file() {
    return file;
  }

  public void add(byte[] userKey, long sequence, boolean tombstone, byte[] value) throws IOException {
    add(userKey, sequence, tombstone, value, 0, value.length);
  }

  /** Adds an entry. REQUIRES: internal key order strictly above the previous entry's. */
  public void add(byte[] userKey, long sequence, boolean tombstone, byte[] value, int valueOffset,
      int valueLength) throws IOException {
    Invariants.check(!finished && !closed, "sstable %s is already finished", file);
    long trailer = InternalKey.trailer(sequence,
        tombstone ? InternalKey.TYPE_DELETE : InternalKey.TYPE_PUT);
    boolean newUserKey = lastUserKey == null || !Arrays.equals(lastUserKey, userKey);
    if (lastUserKey != null && InternalKey.compare(userKey, trailer, lastUserKey, lastTrailer) <= 0) {
      throw new dev.ddialab.core.InvariantViolation("sstable " + file + ": "
          + InternalKey.format(userKey, trailer) + " added after "
          + InternalKey.format(lastUserKey, lastTrailer));
    }
    if (pendingHandle != null) {
      addIndexEntry(separator(pendingIndexKey, userKey), pendingHandle);
      pendingHandle = null;
    }
    if (newUserKey) {
      if (bloom != null) {
        bloom.addHash(BloomFilter.hash(userKey));
      }
      lastUserKey = userKey.clone();
    }
    if (smallestUserKey == null) {
      smallestUserKey = userKey.clone();
    }
    lastTrailer = trailer;
    dataBlock.add(userKey, trailer, value, valueOffset, valueLength);
    entries++;
    tombstones += tombstone ? 1 : 0;
    rawKeyBytes += userKey.length;
    rawValueBytes += valueLength;
    minSequence = Math.min(minSequence, sequence);
    maxSequence = Math.max(maxSequence, sequence);
    if (dataBlock.estimatedBytes() >= options.blockBytes()) {
      finishDataBlock();
    }
  }

  private void finishDataBlock() throws IOException {
    if (dataBlock.isEmpty()) {
      return;
    }
    pendingIndexKey = dataBlock.lastKey();
    pendingHandle = writeBlock(dataBlock.finish(), options.compression());
    dataBlock.reset();
    dataBlocks++;
  }

  private BlockHandle writeBlock(ByteSink contents, Compression compression) throws IOException {
    return writeBlock(contents.array(), contents.size(), compression);
  }

  private BlockHandle writeBlock(byte[] contents, int length, Compression compression)
      throws IOException {
    long offset = flushedBytes + out.size();
    int size = BlockCodec.writeFrame(contents, length, compression, out, scratch);
    if (out.size() >= FLUSH_BYTES) {
      flushBuffer();
    }
    return new BlockHandle(offset, size);
  }

  private void flushBuffer() throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(out.array(), 0, out.size());
    // Bounded: every pass writes at least one byte or throws.
    while (buffer.hasRemaining()) {
      if (channel.write(buffer, flushedBytes + buffer.position()) <= 0) {
        throw new IOException("write to " + file + " made no progress");
      }
    }
    flushedBytes += out.size();
    out.reset();
  }

  private void addIndexEntry(byte[] indexKey, BlockHandle handle) {
    handleBytes.reset();
    handle.encodeTo(handleBytes);
    int userLength = indexKey.length - InternalKey.TRAILER_BYTES;
    indexBlock.add(Arrays.copyOf(indexKey, userLength), Bytes.getLong(indexKey, userLength),
        handleBytes.array(), 0, handleBytes.size());
  }

  /**
   * A short internal key {@code s} with {@code lastKey <= s < first key of the next block}, whose
   * user key is {@code nextUserKey}. Falls back to {@code lastKey} when no shorter one exists.
   */
  static byte[] separator(byte[] lastKey, byte[] nextUserKey) {
    int lastUserLength = lastKey.length - InternalKey.TRAILER_BYTES;
    int limit = Math.min(lastUserLength, nextUserKey.length);
    int diff = Arrays.mismatch(lastKey, 0, limit, nextUserKey, 0, limit);
    if (diff < 0 || diff + 1 >= lastUserLength) {
      return lastKey; // one is a prefix of the other, or nothing to cut
    }
    int last = lastKey[diff] & 0xFF;
    if (last == 0xFF || last + 1 >= (nextUserKey[diff] & 0xFF)) {
      return lastKey;
    }
    byte[] shortUser = Arrays.copyOf(lastKey, diff + 1);
    shortUser[diff] = (byte) (last + 1);
    // shortUser is above the block's last user key and below the next one, both decided at byte
    // diff, so any trailer keeps it between the blocks; the seek trailer is the smallest.
    return InternalKey.encode(shortUser, InternalKey.seekTrailer(InternalKey.MAX_SEQUENCE));
  }

  /** Bytes the file will have if finished now, roughly: what splits compaction outputs. */
  public long estimatedBytes() {
    return flushedBytes + out.size() + dataBlock.estimatedBytes();
  }

  public long entries() {
    return entries;
  }

  /**
   * Writes the remaining blocks and the footer, forces the file and closes it; returns what the
   * table holds. REQUIRES: at least one entry.
   */
  public TableProperties finish() throws IOException {
    Invariants.check(!finished && !closed, "sstable %s is already finished", file);
    Invariants.check(entries > 0, "sstable %s has no entries", file);
    finishDataBlock();
    if (pendingHandle != null) {
      addIndexEntry(pendingIndexKey, pendingHandle);
      pendingHandle = null;
    }
    BlockHandle filterHandle = new BlockHandle(0, 0);
    if (bloom != null) {
      byte[] filter = bloom.build();
      filterHandle = writeBlock(filter, filter.length, Compression.NONE);
    }
    TableProperties properties = new TableProperties(entries, tombstones, dataBlocks, rawKeyBytes,
        rawValueBytes, minSequence, maxSequence, smallestUserKey, lastUserKey.clone());
    byte[] encoded = properties.encode();
    BlockHandle propertiesHandle = writeBlock(encoded, encoded.length, Compression.NONE);
    BlockHandle indexHandle = writeBlock(indexBlock.finish(), Compression.NONE);
    out.put(new Footer(indexHandle, filterHandle, propertiesHandle).encode());
    flushBuffer();
    channel.force(true);
    finished = true;
    close();
    return properties;
  }

  /** The file's size. REQUIRES: finished. */
  public long fileBytes() {
    Invariants.check(finished, "sstable %s is not finished", file);
    return flushedBytes;
  }

  /** Closes and deletes an unfinished table. */
  public void abandon() throws IOException {
    close();
    if (!finished) {
      Files.deleteIfExists(file);
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }
}
