package dev.ddialab.encoding;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record value: its schema and one value per field, in field order. Mutable until shared, like
 * a builder; not thread-safe. Two records are equal when their schemas have the same full name and
 * their values are equal.
 *
 * <p>The value model every codec reads and writes: null, Boolean, Integer, Long, Float, Double,
 * {@link ByteString} (bytes), String, {@link GenericRecord}, {@link GenericEnum},
 * {@link GenericFixed}, {@code List} (array) and {@code Map<String, ?>} (map). A union holds a
 * value of one of its branches. Logical types keep their underlying representation
 * ({@link LogicalValues} converts).
 */
public final class GenericRecord {
  private final RecordSchema schema;
  private final Object[] values;

  public GenericRecord(RecordSchema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.values = new Object[schema.fields().size()];
  }

  public RecordSchema schema() {
    return schema;
  }

  public Object get(int position) {
    return values[position];
  }

  /** The value of field {@code name}. */
  public Object get(String name) {
    return values[position(name)];
  }

  public GenericRecord put(int position, Object value) {
    values[position] = value;
    return this;
  }

  /** Sets field {@code name}; returns this record, so that puts chain. */
  public GenericRecord put(String name, Object value) {
    values[position(name)] = value;
    return this;
  }

  private int position(String name) {
    Field field = schema.field(name);
    if (field == null) {
      throw new IllegalArgumentException("record " + schema.fullName() + " has no field '" + name
          + "'");
    }
    return field.position();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GenericRecord that
        && schema.fullName().equals(that.schema.fullName())
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return schema.fullName().hashCode() * 31 + Arrays.hashCode(values);
  }

  /**
   * The record in Avro's JSON encoding; a record holding values that do not fit its schema (it is
   * mutable) shows its raw values instead, so that printing never fails.
   */
  @Override
  public String toString() {
    try {
      return AvroJson.encodeToString(schema, this);
    } catch (SchemaException e) {
      return schema.fullName() + Arrays.toString(values);
    }
  }
}
