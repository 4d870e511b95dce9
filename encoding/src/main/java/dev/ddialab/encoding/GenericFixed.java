package dev.ddialab.encoding;

import dev.ddialab.core.Bytes;
import java.util.Arrays;

/** A fixed value: exactly {@code schema.size()} bytes. Immutable: the bytes are copied in and out. */
public final class GenericFixed {
  private final FixedSchema schema;
  private final byte[] bytes;

  public GenericFixed(FixedSchema schema, byte[] bytes) {
    if (bytes.length != schema.size()) {
      throw new IllegalArgumentException("fixed " + schema.fullName() + " holds " + schema.size()
          + " bytes, got " + bytes.length);
    }
    this.schema = schema;
    this.bytes = bytes.clone();
  }

  public FixedSchema schema() {
    return schema;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without copying, for encoders; callers must not modify them. */
  byte[] bytesUnsafe() {
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GenericFixed that
        && schema.fullName().equals(that.schema.fullName())
        && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return schema.fullName().hashCode() * 31 + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return schema.fullName() + "(0x" + Bytes.toHex(bytes) + ")";
  }
}
