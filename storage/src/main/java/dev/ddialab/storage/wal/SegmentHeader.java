package dev.ddialab.storage.wal;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import java.nio.file.Path;

/**
 * The 16 bytes at the start of every segment file (docs/format.md, "Record log"):
 *
 * <pre>
 *   offset  size  field
 *   0       4     magic, ASCII "DDLG" (0x44 0x44 0x4c 0x47)
 *   4       2     format version, unsigned big-endian, = 1
 *   6       2     reserved, = 0
 *   8       8     segment id, unsigned big-endian (must equal the id in the file name)
 * </pre>
 *
 * The magic tells a segment from any other file; the version lets a later format be refused
 * instead of misread. Stateless, thread-safe.
 */
public final class SegmentHeader {
  /** Frozen: on disk. "DDLG" in ASCII. */
  public static final int MAGIC = 0x44444c47;

  /** Frozen: on disk. A reader refuses any other version. */
  public static final int FORMAT_VERSION = 1;

  /** Size of the header, and so the offset of a segment's first frame. */
  public static final int BYTES = 16;

  private SegmentHeader() {}

  static byte[] encode(long segmentId) {
    LogPosition.requireSegmentId(segmentId);
    byte[] header = new byte[BYTES];
    Bytes.putInt(header, 0, MAGIC);
    Bytes.putShort(header, 4, FORMAT_VERSION);
    Bytes.putShort(header, 6, 0);
    Bytes.putLong(header, 8, segmentId);
    return header;
  }

  /**
   * Validates every field and returns the segment id. Errors are reported at offset 0, the
   * header's, with the offending field's bytes named in the reason; {@code file} is for the
   * message.
   */
  static long decode(byte[] header, Path file) throws CorruptLogException {
    Invariants.require(header.length == BYTES, "header is %d bytes, not %d", header.length, BYTES);
    int magic = Bytes.getInt(header, 0);
    if (magic != MAGIC) {
      throw CorruptLogException.badHeader(
          file,
          0,
          String.format(
              "bad magic 0x%08x in bytes 0..3, expected 0x%08x (\"DDLG\"): not a record log"
                  + " segment",
              magic, MAGIC));
    }
    int version = Bytes.getShort(header, 4);
    if (version != FORMAT_VERSION) {
      throw CorruptLogException.badHeader(
          file,
          0,
          "unsupported format version "
              + version
              + " in bytes 4..5, this build reads version "
              + FORMAT_VERSION);
    }
    int reserved = Bytes.getShort(header, 6);
    if (reserved != 0) {
      throw CorruptLogException.badHeader(
          file, 0, "reserved field in bytes 6..7 is " + reserved + ", not 0");
    }
    long segmentId = Bytes.getLong(header, 8);
    if (segmentId < 0 || segmentId > LogPosition.MAX_SEGMENT_ID) {
      throw CorruptLogException.badHeader(
          file,
          0,
          "segment id "
              + Long.toUnsignedString(segmentId)
              + " in bytes 8..15 is outside 0.."
              + LogPosition.MAX_SEGMENT_ID);
    }
    return segmentId;
  }
}
