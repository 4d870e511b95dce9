package dev.ddialab.storage.lsm.sstable;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Crc32c;
import dev.ddialab.core.Frame;
import dev.ddialab.core.Varint;
import dev.ddialab.storage.lsm.ByteSink;
import java.nio.file.Path;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Every block of an SSTable (data, index, filter, properties) is stored as one core
 * {@link Frame}: {@code u32 length, u32 masked CRC32C, payload}, where the payload is one
 * compression byte ({@link Compression#code}) followed by the contents, raw, or for LZ4 as
 * {@code varint(rawLength)} and the LZ4 block. The checksum is verified before anything is
 * decompressed or decoded, so a flipped bit is always a {@link CorruptTableException} naming the
 * file and the block's offset.
 *
 * <p>LZ4 comes from lz4-java's pure-Java "safe" implementation: no JNI and no
 * {@code sun.misc.Unsafe}, so it prints no JDK warnings, at some cost in speed. Stateless,
 * thread-safe.
 */
public final class BlockCodec {
  public static final int FRAME_HEADER_BYTES = Frame.HEADER_BYTES;

  private static final LZ4Factory LZ4 = LZ4Factory.safeInstance();
  private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

  private BlockCodec() {}

  /**
   * Appends the frame of {@code contents[0, length)} to {@code out}, compressed when that saves
   * at least an eighth; returns the frame's size.
   */
  public static int writeFrame(byte[] contents, int length, Compression compression,
      ByteSink out, ByteSink scratch) {
    int start = out.size();
    out.putInt(0).putInt(0); // header, filled in below
    if (compression == Compression.LZ4 && length >= 64) {
      scratch.reset();
      int max = COMPRESSOR.maxCompressedLength(length);
      scratch.putVarint(length);
      int headerLength = scratch.size();
      scratch.reserve(max);
      int compressed = COMPRESSOR.compress(contents, 0, length, scratch.array(), headerLength, max);
      if (headerLength + compressed <= length - length / 8) {
        out.put((byte) Compression.LZ4.code);
        out.put(scratch.array(), 0, headerLength + compressed);
        return finishFrame(out, start);
      }
    }
    out.put((byte) Compression.NONE.code);
    out.put(contents, 0, length);
    return finishFrame(out, start);
  }

  private static int finishFrame(ByteSink out, int start) {
    int payloadStart = start + FRAME_HEADER_BYTES;
    int payloadLength = out.size() - payloadStart;
    byte[] array = out.array();
    Bytes.putInt(array, start, payloadLength);
    Bytes.putInt(array, start + 4, Crc32c.mask(Crc32c.of(array, payloadStart, payloadLength)));
    return out.size() - start;
  }

  /**
   * Verifies the frame in {@code frame} (read from {@code file} at {@code offset}) and returns
   * the block's raw contents.
   *
   * @param maxRawBytes the largest decompressed size accepted, so a damaged length cannot make
   *     us allocate gigabytes
   */
  public static byte[] readFrame(byte[] frame, Path file, long offset, int maxRawBytes)
      throws CorruptTableException {
    if (frame.length < FRAME_HEADER_BYTES + 1) {
      throw new CorruptTableException(file, offset, "block of " + frame.length
          + " bytes is too short for a frame");
    }
    long declared = Integer.toUnsignedLong(Bytes.getInt(frame, 0));
    if (declared != frame.length - FRAME_HEADER_BYTES) {
      throw new CorruptTableException(file, offset, "block frame declares " + declared
          + " payload bytes, its handle says " + (frame.length - FRAME_HEADER_BYTES));
    }
    int stored = Bytes.getInt(frame, 4);
    int computed = Crc32c.mask(Crc32c.of(frame, FRAME_HEADER_BYTES, (int) declared));
    if (stored != computed) {
      throw new CorruptTableException(file, offset, String.format(
          "block checksum mismatch: stored 0x%08x, computed 0x%08x over %d bytes",
          stored, computed, declared));
    }
    int type = frame[FRAME_HEADER_BYTES] & 0xFF;
    int contentStart = FRAME_HEADER_BYTES + 1;
    Compression compression = Compression.ofCode(type);
    if (compression == null) {
      throw new CorruptTableException(file, offset, "unknown block compression " + type);
    }
    if (compression == Compression.NONE) {
      return java.util.Arrays.copyOfRange(frame, contentStart, frame.length);
    }
    long rawLength;
    int varintLength;
    try {
      rawLength = Varint.read(frame, contentStart);
      varintLength = Varint.readLength(frame, contentStart);
    } catch (RuntimeException e) {
      throw new CorruptTableException(file, offset, "bad LZ4 length varint", e);
    }
    if (rawLength < 0 || rawLength > maxRawBytes) {
      throw new CorruptTableException(file, offset, "LZ4 block declares " + rawLength
          + " raw bytes, more than the limit " + maxRawBytes);
    }
    byte[] raw = new byte[(int) rawLength];
    int at = contentStart + varintLength;
    try {
      int produced = DECOMPRESSOR.decompress(frame, at, frame.length - at, raw, 0, raw.length);
      if (produced != raw.length) {
        throw new CorruptTableException(file, offset, "LZ4 block decompressed to " + produced
            + " bytes, expected " + raw.length);
      }
    } catch (LZ4Exception e) {
      throw new CorruptTableException(file, offset, "LZ4 block does not decompress", e);
    }
    return raw;
  }
}
