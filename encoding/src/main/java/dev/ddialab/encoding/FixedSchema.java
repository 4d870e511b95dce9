package dev.ddialab.encoding;

import java.util.List;

/** A fixed number of bytes, written without a length. */
public final class FixedSchema extends NamedSchema {
  private final int size;

  FixedSchema(Name name, List<Name> aliases, String doc, int size, LogicalType logicalType) {
    super(Type.FIXED, logicalType, name, aliases, doc);
    if (size < 0) {
      throw new IllegalArgumentException("negative fixed size " + size);
    }
    this.size = size;
  }

  public int size() {
    return size;
  }
}
