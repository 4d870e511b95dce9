package dev.ddialab.encoding;

import java.util.Locale;

/** The Avro type of a schema: eight primitives and six complex types. */
public enum Type {
  NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, BYTES, STRING,
  RECORD, ENUM, ARRAY, MAP, UNION, FIXED;

  /** The name the Avro specification uses, e.g. {@code "long"}. */
  public String avroName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isPrimitive() {
    return ordinal() <= STRING.ordinal();
  }

  public boolean isNamed() {
    return this == RECORD || this == ENUM || this == FIXED;
  }

  /** The primitive type called {@code name}, or null when it names none. */
  public static Type primitive(String name) {
    for (Type type : values()) {
      if (type.isPrimitive() && type.avroName().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
