package dev.ddialab.core;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C (Castagnoli), the checksum of every on-disk record (see {@link Frame}). Chosen over
 * CRC32 because it detects more error patterns at the same cost and the JDK computes it with
 * the SSE4.2/ARMv8 CRC instructions.
 *
 * <p>Why {@link #mask}: when data that holds CRCs (a frame inside a block, a log copied into a
 * snapshot) is itself checksummed, raw CRCs interact badly: bytes followed by their own CRC
 * have the same CRC residue whatever the bytes were, which weakens the outer check. And a
 * zero-filled region would pass as an empty record, whose CRC is zero. Masking, as LevelDB does
 * (rotate right by 15 bits, then add a constant), breaks both patterns. The constant is frozen:
 * it is on disk.
 *
 * <p>Stateless, thread-safe.
 */
public final class Crc32c {
  /** LevelDB's kMaskDelta. Frozen: part of every on-disk format. */
  private static final int MASK_DELTA = 0xa282ead8;

  private Crc32c() {}

  public static int of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  public static int of(byte[] bytes, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, off, len);
    return (int) crc.getValue();
  }

  /** CRC32C of the buffer's remaining bytes; its position is left where it was. */
  public static int of(ByteBuffer buffer) {
    int position = buffer.position();
    CRC32C crc = new CRC32C();
    crc.update(buffer);
    buffer.position(position);
    return (int) crc.getValue();
  }

  /** The form of a CRC to store; see the class comment for why. */
  public static int mask(int crc) {
    return Integer.rotateRight(crc, 15) + MASK_DELTA;
  }

  /** Inverse of {@link #mask}. */
  public static int unmask(int masked) {
    return Integer.rotateLeft(masked - MASK_DELTA, 15);
  }
}
