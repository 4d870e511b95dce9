package dev.ddialab.storage.hashlog;

import java.util.Arrays;

/** A byte-array key with content equality, for the hash index. The array is never mutated. */
record ByteKey(byte[] bytes) {
  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
