package dev.ddialab.core;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Unsigned LEB128 varints, as in Protocol Buffers and Avro (DDIA ch. 4): seven value bits per
 * byte, least significant group first, high bit set on every byte but the last. Small numbers
 * take one byte; a full 64-bit value takes {@value #MAX_BYTES}. Signed values go through
 * {@link #zigZagEncode(long)} first so that small magnitudes of either sign stay small.
 *
 * <p>Contract: every value is treated as 64 unsigned bits. Writers never write partially: they
 * check room first. Decoders trust nothing: input that ends mid-varint, runs past
 * {@value #MAX_BYTES} bytes, or sets bits beyond 64 raises {@link MalformedDataException} with
 * the varint's start offset; a failed {@link #read(ByteBuffer)} leaves the position unchanged.
 * Overlong but in-range encodings (e.g. {@code 80 00} for zero) are accepted, as Protobuf does,
 * so the bytes consumed may exceed {@link #sizeOf}; use {@link #readLength} to advance.
 * Stateless, thread-safe.
 */
public final class Varint {
  /** Bytes in the longest varint: ceil(64 / 7). */
  public static final int MAX_BYTES = 10;

  private Varint() {}

  /** Bytes needed to encode {@code value} as an unsigned varint, 1..{@value #MAX_BYTES}. */
  public static int sizeOf(long value) {
    int significantBits = 64 - Long.numberOfLeadingZeros(value | 1);
    return (significantBits + 6) / 7;
  }

  /**
   * Writes {@code value} at {@code off} and returns the offset just past it.
   *
   * @throws IndexOutOfBoundsException if {@code dst} lacks {@link #sizeOf} bytes at {@code off}
   */
  public static int write(long value, byte[] dst, int off) {
    Objects.checkFromIndexSize(off, sizeOf(value), dst.length);
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      dst[off++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    dst[off++] = (byte) rest;
    return off;
  }

  /**
   * Writes {@code value} at the buffer's position and advances it.
   *
   * @throws BufferOverflowException if fewer than {@link #sizeOf} bytes remain; nothing written
   */
  public static void write(long value, ByteBuffer dst) {
    if (dst.remaining() < sizeOf(value)) {
      throw new BufferOverflowException();
    }
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      dst.put((byte) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    dst.put((byte) rest);
  }

  /** Decodes the varint at {@code off}; {@link #readLength} says how many bytes it used. */
  public static long read(byte[] src, int off) {
    Objects.checkIndex(off, src.length + 1);
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      int pos = off + i;
      if (pos >= src.length) {
        throw truncated(off, src.length);
      }
      int b = src[pos] & 0xFF;
      checkLastByte(i, b, off);
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new InvariantViolation("varint loop ended without a terminating byte");
  }

  /** Bytes used by the varint at {@code off}, validated exactly as {@link #read(byte[], int)}. */
  public static int readLength(byte[] src, int off) {
    Objects.checkIndex(off, src.length + 1);
    for (int i = 0; i < MAX_BYTES; i++) {
      int pos = off + i;
      if (pos >= src.length) {
        throw truncated(off, src.length);
      }
      int b = src[pos] & 0xFF;
      checkLastByte(i, b, off);
      if ((b & 0x80) == 0) {
        return i + 1;
      }
    }
    throw new InvariantViolation("varint loop ended without a terminating byte");
  }

  /**
   * Decodes the varint at the buffer's position and advances past it. Offsets in errors are
   * buffer indexes.
   */
  public static long read(ByteBuffer src) {
    int start = src.position();
    int limit = src.limit();
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      int pos = start + i;
      if (pos >= limit) {
        throw truncated(start, limit);
      }
      int b = src.get(pos) & 0xFF;
      checkLastByte(i, b, start);
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        src.position(pos + 1);
        return value;
      }
    }
    throw new InvariantViolation("varint loop ended without a terminating byte");
  }

  /** Maps signed to unsigned so that 0, -1, 1, -2, 2 ... become 0, 1, 2, 3, 4 ... */
  public static long zigZagEncode(long value) {
    return (value << 1) ^ (value >> 63);
  }

  public static long zigZagDecode(long encoded) {
    return (encoded >>> 1) ^ -(encoded & 1);
  }

  /**
   * The 32-bit zig-zag mapping. Its result is an unsigned 32-bit value: widen it with
   * {@link Integer#toUnsignedLong} before {@link #write}, or {@code Integer.MIN_VALUE} would
   * sign-extend into a ten-byte varint.
   */
  public static int zigZagEncodeInt(int value) {
    return (value << 1) ^ (value >> 31);
  }

  public static int zigZagDecodeInt(int encoded) {
    return (encoded >>> 1) ^ -(encoded & 1);
  }

  /** The tenth byte carries only bit 63, so it must be 0 or 1 and must end the varint. */
  private static void checkLastByte(int index, int b, long start) {
    if (index == MAX_BYTES - 1 && b > 1) {
      String what = (b & 0x80) != 0 ? "varint longer than 10 bytes" : "varint overflows 64 bits";
      throw new MalformedDataException(what, start);
    }
  }

  private static MalformedDataException truncated(long start, int end) {
    return new MalformedDataException("truncated varint (input ends at " + end + ")", start);
  }
}
