package dev.ddialab.encoding;

import java.util.EnumMap;
import java.util.Map;

/** One of the eight primitive types, optionally with a logical type. */
public final class PrimitiveSchema extends Schema {
  private static final Map<Type, PrimitiveSchema> PLAIN = new EnumMap<>(Type.class);

  static {
    for (Type type : Type.values()) {
      if (type.isPrimitive()) {
        PLAIN.put(type, new PrimitiveSchema(type, null));
      }
    }
  }

  PrimitiveSchema(Type type, LogicalType logicalType) {
    super(type, logicalType);
    if (!type.isPrimitive()) {
      throw new IllegalArgumentException("not a primitive type: " + type);
    }
  }

  static PrimitiveSchema plain(Type type) {
    PrimitiveSchema plain = PLAIN.get(type);
    if (plain == null) {
      throw new IllegalArgumentException("not a primitive type: " + type);
    }
    return plain;
  }
}
