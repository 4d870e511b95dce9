package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Crc32c;
import java.nio.file.Path;

/**
 * The fixed-size end of every SSTable, read first: it says where the index, filter and
 * properties blocks are, and proves that the file is a complete table of a known version.
 *
 * <pre>
 *   offset size field
 *   0      8    index block offset        8   8  index block size (frame bytes)
 *   16     8    filter block offset       24  8  filter block size (0: no filter)
 *   32     8    properties block offset   40  8  properties block size
 *   48     4    format version (1)
 *   52     4    masked CRC32C of bytes 0..51
 *   56     8    magic "DDIA-SST" = 44 44 49 41 2d 53 53 54
 * </pre>
 *
 * The magic number, the version and the layout are frozen. A table is written front to back and
 * the footer last, so a file cut short by a crash has no valid footer.
 */
record Footer(BlockHandle index, BlockHandle filter, BlockHandle properties) {
  static final int BYTES = 64;
  static final long MAGIC = 0x444449412d535354L;
  static final int FORMAT_VERSION = 1;

  byte[] encode() {
    byte[] out = new byte[BYTES];
    Bytes.putLong(out, 0, index.offset());
    Bytes.putLong(out, 8, index.size());
    Bytes.putLong(out, 16, filter.offset());
    Bytes.putLong(out, 24, filter.size());
    Bytes.putLong(out, 32, properties.offset());
    Bytes.putLong(out, 40, properties.size());
    Bytes.putInt(out, 48, FORMAT_VERSION);
    Bytes.putInt(out, 52, Crc32c.mask(Crc32c.of(out, 0, 52)));
    Bytes.putLong(out, 56, MAGIC);
    return out;
  }

  /** Decodes and checks the last {@link #BYTES} bytes of a file of {@code fileSize} bytes. */
  static Footer decode(byte[] bytes, Path file, long fileSize) throws CorruptTableException {
    long at = fileSize - BYTES;
    if (Bytes.getLong(bytes, 56) != MAGIC) {
      throw new CorruptTableException(file, at + 56, String.format(
          "bad magic number 0x%016x: not an sstable, or cut short", Bytes.getLong(bytes, 56)));
    }
    int stored = Bytes.getInt(bytes, 52);
    int computed = Crc32c.mask(Crc32c.of(bytes, 0, 52));
    if (stored != computed) {
      throw new CorruptTableException(file, at, String.format(
          "footer checksum mismatch: stored 0x%08x, computed 0x%08x", stored, computed));
    }
    int version = Bytes.getInt(bytes, 48);
    if (version != FORMAT_VERSION) {
      throw new CorruptTableException(file, at + 48, "unknown sstable format version " + version);
    }
    Footer footer = new Footer(
        new BlockHandle(Bytes.getLong(bytes, 0), Bytes.getLong(bytes, 8)),
        new BlockHandle(Bytes.getLong(bytes, 16), Bytes.getLong(bytes, 24)),
        new BlockHandle(Bytes.getLong(bytes, 32), Bytes.getLong(bytes, 40)));
    boolean filterOk = footer.filter.size() == 0 || footer.filter.fitsBefore(at);
    if (!footer.index.fitsBefore(at) || !footer.properties.fitsBefore(at) || !filterOk) {
      throw new CorruptTableException(file, at, "footer points outside the file: " + footer);
    }
    return footer;
  }
}
