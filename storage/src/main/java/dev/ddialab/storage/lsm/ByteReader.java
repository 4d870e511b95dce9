package dev.ddialab.storage.lsm;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Varint;
import java.util.Arrays;

/**
 * A bounds-checked cursor over {@code bytes[from, to)} for decoding records: no length read from
 * the input is trusted before it is checked against what remains, so damaged input fails with
 * {@link MalformedDataException} (offset relative to {@code from}) instead of an
 * {@link ArrayIndexOutOfBoundsException} or a huge allocation. Not thread-safe.
 */
public final class ByteReader {
  private final byte[] bytes;
  private final int from;
  private final int to;
  private int at;

  public ByteReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  public ByteReader(byte[] bytes, int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, bytes.length);
    this.bytes = bytes;
    this.from = from;
    this.to = to;
    this.at = from;
  }

  /** Offset of the next byte, relative to the start of the input. */
  public int offset() {
    return at - from;
  }

  public int remaining() {
    return to - at;
  }

  public boolean hasRemaining() {
    return at < to;
  }

  public int u8() {
    need(1, "a byte");
    return bytes[at++] & 0xFF;
  }

  public long u64() {
    need(8, "an 8-byte integer");
    long value = Bytes.getLong(bytes, at);
    at += 8;
    return value;
  }

  public long varint() {
    if (at >= to) {
      throw new MalformedDataException("input ends where a varint was expected", offset());
    }
    long value;
    int length;
    try {
      value = Varint.read(bytes, at);
      length = Varint.readLength(bytes, at);
    } catch (MalformedDataException e) {
      throw new MalformedDataException("bad varint", offset());
    }
    if (at + length > to) {
      throw new MalformedDataException("varint runs past the end of the input", offset());
    }
    at += length;
    return value;
  }

  /** A varint that must lie in {@code [0, max]}: a length or a count. */
  public int length(long max) {
    int start = offset();
    long value = varint();
    if (value < 0 || value > max) {
      throw new MalformedDataException("length " + Long.toUnsignedString(value)
          + " exceeds the limit " + max, start);
    }
    return (int) value;
  }

  public byte[] bytes(int length) {
    need(length, length + " bytes");
    byte[] out = Arrays.copyOfRange(bytes, at, at + length);
    at += length;
    return out;
  }

  /** Varint-length-prefixed bytes, the length bounded by what remains. */
  public byte[] lengthPrefixed() {
    return bytes(length(remaining()));
  }

  public void expectEnd(String what) {
    if (at != to) {
      throw new MalformedDataException(what + " has " + (to - at) + " unexpected trailing bytes",
          offset());
    }
  }

  private void need(int n, String what) {
    if (n < 0 || to - at < n) {
      throw new MalformedDataException("input ends where " + what + " was expected", offset());
    }
  }
}
