package dev.ddialab.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The length-and-checksum frame around every record of every on-disk log and block, so that
 * recovery can tell a torn tail (a crash mid-write) from corruption (DESIGN.md, durability rules).
 *
 * <pre>
 *   offset  size  field
 *   0       4     payload length, unsigned 32-bit big-endian
 *   4       4     {@link Crc32c#mask masked} CRC32C of the payload, big-endian
 *   8       len   payload
 * </pre>
 *
 * The layout is frozen: it is on disk. The checksum covers the payload only; a damaged length
 * still fails, either as a checksum over the wrong bytes or as a frame running past the limit
 * (with a CRC's odds, not with certainty). An all-zero region (a
 * preallocated or zero-filled tail) does not decode as an empty frame, because the masked CRC of
 * nothing is not zero.
 *
 * <p>Decoding never trusts the header: the declared length is checked against the caller's
 * maximum before any payload is read. {@link Decoded.Truncated} says only that the frame does not
 * fit before {@code limit}; whether that is a torn tail (and safe to cut) is the caller's
 * decision, e.g. only at the end of the last file. Stateless, thread-safe.
 */
public final class Frame {
  public static final int HEADER_BYTES = 8;
  /** Largest payload a frame can describe with an int-indexed array. */
  public static final int MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - HEADER_BYTES;

  private Frame() {}

  /** What {@link #decode} found at an offset. */
  public sealed interface Decoded {
    /** A verified frame; {@code nextOffset} is where the next frame starts. */
    record Ok(byte[] payload, int nextOffset) implements Decoded {}

    /** Fewer bytes before the limit than the header, or than the header declares. */
    record Truncated(int offset) implements Decoded {}

    /** The header or payload is damaged; {@code offset} is the frame's start. */
    record Corrupt(int offset, String reason) implements Decoded {}
  }

  public static int encodedSize(int payloadLength) {
    Invariants.require(
        payloadLength >= 0 && payloadLength <= MAX_PAYLOAD_BYTES,
        "payload length %d outside 0..%d", payloadLength, MAX_PAYLOAD_BYTES);
    return HEADER_BYTES + payloadLength;
  }

  /** Writes a frame of {@code payload[off, off+len)} at {@code dstOff}; returns the end offset. */
  public static int encode(byte[] payload, int off, int len, byte[] dst, int dstOff) {
    Objects.checkFromIndexSize(off, len, payload.length);
    int size = encodedSize(len);
    Objects.checkFromIndexSize(dstOff, size, dst.length);
    Bytes.putInt(dst, dstOff, len);
    Bytes.putInt(dst, dstOff + 4, Crc32c.mask(Crc32c.of(payload, off, len)));
    System.arraycopy(payload, off, dst, dstOff + HEADER_BYTES, len);
    return dstOff + size;
  }

  public static byte[] encode(byte[] payload) {
    byte[] frame = new byte[encodedSize(payload.length)];
    int end = encode(payload, 0, payload.length, frame, 0);
    Invariants.check(end == frame.length, "frame ends at %d, sized %d", end, frame.length);
    return frame;
  }

  /**
   * Decodes the frame at {@code off}, reading no byte at or past {@code limit}.
   *
   * @param maxPayloadBytes the largest length the caller accepts; a larger declared length is
   *     {@link Decoded.Corrupt}, so a damaged header never makes us allocate or read gigabytes
   */
  public static Decoded decode(byte[] src, int off, int limit, int maxPayloadBytes) {
    Objects.checkFromToIndex(off, limit, src.length);
    Invariants.require(
        maxPayloadBytes >= 0 && maxPayloadBytes <= MAX_PAYLOAD_BYTES,
        "maxPayloadBytes %d outside 0..%d", maxPayloadBytes, MAX_PAYLOAD_BYTES);
    if (limit - off < HEADER_BYTES) {
      return new Decoded.Truncated(off);
    }
    long declaredLength = Integer.toUnsignedLong(Bytes.getInt(src, off));
    if (declaredLength > maxPayloadBytes) {
      return new Decoded.Corrupt(
          off, "declared payload length " + declaredLength + " exceeds maximum " + maxPayloadBytes);
    }
    int length = (int) declaredLength;
    int payloadOff = off + HEADER_BYTES;
    if (limit - payloadOff < length) {
      return new Decoded.Truncated(off);
    }
    int stored = Bytes.getInt(src, off + 4);
    int computed = Crc32c.mask(Crc32c.of(src, payloadOff, length));
    if (stored != computed) {
      return new Decoded.Corrupt(
          off,
          String.format(
              "checksum mismatch: stored 0x%08x, computed 0x%08x over %d payload bytes",
              stored, computed, length));
    }
    byte[] payload = Arrays.copyOfRange(src, payloadOff, payloadOff + length);
    return new Decoded.Ok(payload, payloadOff + length);
  }
}
