package dev.ddialab.encoding;

/**
 * A logical type annotating a schema: the value is stored as the underlying type, and the
 * annotation says how to interpret it. Recognised and validated: {@code date} (int),
 * {@code timestamp-millis} (long), {@code decimal} (bytes or fixed, with precision and scale) and
 * {@code uuid} (string, or fixed of 16). Any other name is kept so that it round-trips, but means
 * nothing to our codecs. As the Avro specification asks, an invalid annotation (a decimal with
 * scale above precision, {@code date} on a string) is dropped, not an error: the schema still
 * reads as its underlying type.
 *
 * @param precision digits of a decimal; 0 for other types
 * @param scale digits after the point of a decimal; 0 for other types
 */
public record LogicalType(String name, int precision, int scale) {
  public static final String DATE = "date";
  public static final String TIMESTAMP_MILLIS = "timestamp-millis";
  public static final String DECIMAL = "decimal";
  public static final String UUID = "uuid";

  public static LogicalType named(String name) {
    return new LogicalType(name, 0, 0);
  }

  public boolean isDecimal() {
    return DECIMAL.equals(name);
  }
}
