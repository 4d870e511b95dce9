package dev.ddialab.encoding.binary;

import dev.ddialab.core.Varint;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitive writes of Avro's and Protobuf's binary encodings.
 * Multi-byte fixed-width numbers are little-endian, as both specifications say. Not thread-safe.
 */
public final class ByteSink {
  private byte[] buffer;
  private int size;

  public ByteSink() {
    this(64);
  }

  public ByteSink(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  public void reset() {
    size = 0;
  }

  /** Drops everything after the first {@code newSize} bytes. */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
    }
    size = newSize;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  public void writeByte(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
  }

  public void write(byte[] bytes) {
    write(bytes, 0, bytes.length);
  }

  public void write(byte[] bytes, int off, int len) {
    ensure(len);
    System.arraycopy(bytes, off, buffer, size, len);
    size += len;
  }

  /** An unsigned LEB128 varint of all 64 bits. */
  public void writeVarint(long value) {
    ensure(Varint.MAX_BYTES);
    size = Varint.write(value, buffer, size);
  }

  /** Avro's int and long: zig-zag, then varint. */
  public void writeZigZag(long value) {
    writeVarint(Varint.zigZagEncode(value));
  }

  public void writeFixed32(int value) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buffer[size++] = (byte) (value >>> (8 * i));
    }
  }

  public void writeFixed64(long value) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buffer[size++] = (byte) (value >>> (8 * i));
    }
  }

  public void writeFloat(float value) {
    writeFixed32(Float.floatToRawIntBits(value));
  }

  public void writeDouble(double value) {
    writeFixed64(Double.doubleToRawLongBits(value));
  }

  private void ensure(int more) {
    if (buffer.length - size < more) {
      long wanted = Math.max((long) buffer.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("encoded value exceeds 2 GiB");
      }
      buffer = Arrays.copyOf(buffer, (int) wanted);
    }
  }
}
