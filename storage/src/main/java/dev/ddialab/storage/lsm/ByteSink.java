package dev.ddialab.storage.lsm;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Varint;
import java.util.Arrays;

/**
 * A growable byte buffer for building blocks and records: amortised O(1) appends, big-endian
 * integers and varints, reusable after {@link #reset()} so that a writer allocates its buffers
 * once. Not thread-safe.
 */
public final class ByteSink {
  private byte[] bytes;
  private int size;

  public ByteSink(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  /** The backing array; valid bytes are {@code [0, size())}. Changes on the next append. */
  public byte[] array() {
    return bytes;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  public void reset() {
    size = 0;
  }

  /**
   * Makes room for {@code n} bytes written directly into {@link #array()} at the returned offset
   * (e.g. by a compressor); {@link #truncate} then gives back what was not used.
   */
  public int reserve(int n) {
    ensure(n);
    int start = size;
    size += n;
    return start;
  }

  /** Drops every byte from {@code newSize} on. */
  public void truncate(int newSize) {
    java.util.Objects.checkIndex(newSize, size + 1);
    size = newSize;
  }

  private void ensure(int more) {
    long needed = (long) size + more;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("buffer would exceed 2 GiB");
      }
      bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16,
          (long) bytes.length * 2)));
    }
  }

  public ByteSink put(byte b) {
    ensure(1);
    bytes[size++] = b;
    return this;
  }

  public ByteSink put(byte[] src) {
    return put(src, 0, src.length);
  }

  public ByteSink put(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, bytes, size, len);
    size += len;
    return this;
  }

  public ByteSink putVarint(long value) {
    ensure(Varint.MAX_BYTES);
    size = Varint.write(value, bytes, size);
    return this;
  }

  public ByteSink putInt(int value) {
    ensure(4);
    Bytes.putInt(bytes, size, value);
    size += 4;
    return this;
  }

  public ByteSink putLong(long value) {
    ensure(8);
    Bytes.putLong(bytes, size, value);
    size += 8;
    return this;
  }

  /** Overwrites 8 bytes at {@code offset}, which must already be written. */
  public void setLong(int offset, long value) {
    java.util.Objects.checkFromIndexSize(offset, 8, size);
    Bytes.putLong(bytes, offset, value);
  }

  /** Varint-length-prefixed bytes. */
  public ByteSink putLengthPrefixed(byte[] src) {
    putVarint(src.length);
    return put(src);
  }
}
