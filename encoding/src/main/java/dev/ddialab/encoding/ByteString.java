package dev.ddialab.encoding;

import dev.ddialab.core.Bytes;
import java.util.Arrays;

/**
 * An immutable byte sequence: the value of Avro's {@code bytes} type. A class of its own because
 * {@code byte[]} has identity equality, and values must compare by content.
 */
public final class ByteString {
  public static final ByteString EMPTY = new ByteString(new byte[0]);

  private final byte[] bytes;

  private ByteString(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static ByteString copyOf(byte[] bytes) {
    return new ByteString(bytes.clone());
  }

  /** Takes ownership of {@code bytes}: the caller must not modify them afterwards. */
  static ByteString wrap(byte[] bytes) {
    return new ByteString(bytes);
  }

  public int size() {
    return bytes.length;
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The bytes without copying, for encoders; callers must not modify them. */
  byte[] bytesUnsafe() {
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ByteString that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + Bytes.toHex(bytes);
  }
}
