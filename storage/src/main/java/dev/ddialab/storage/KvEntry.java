package dev.ddialab.storage;

import dev.ddialab.core.Bytes;
import java.util.Arrays;

/** A key and its value. Equality is by content. */
public record KvEntry(byte[] key, byte[] value) {
  @Override
  public boolean equals(Object o) {
    return o instanceof KvEntry other
        && Arrays.equals(key, other.key)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return Bytes.printable(key) + "=" + Bytes.printable(value);
  }
}
