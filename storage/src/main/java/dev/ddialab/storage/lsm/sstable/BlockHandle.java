package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.storage.lsm.ByteReader;
import dev.ddialab.storage.lsm.ByteSink;

/**
 * Where a block's frame lies in its table file: the offset of the frame and its total size
 * (8-byte frame header included). In index entries it is encoded as two varints.
 */
public record BlockHandle(long offset, long size) {
  public void encodeTo(ByteSink out) {
    out.putVarint(offset).putVarint(size);
  }

  public static BlockHandle decode(ByteReader in) {
    return new BlockHandle(in.varint(), in.varint());
  }

  /** Whether the handle lies inside {@code [0, limit)} and can hold a frame header. */
  boolean fitsBefore(long limit) {
    return offset >= 0 && size >= BlockCodec.FRAME_HEADER_BYTES + 1 && size <= Integer.MAX_VALUE
        && offset <= limit - size;
  }
}
