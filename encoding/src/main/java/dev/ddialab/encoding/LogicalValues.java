package dev.ddialab.encoding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/**
 * Conversions between logical-type values and the underlying values our codecs read and write:
 * {@code date} is days since 1970-01-01 in an int, {@code timestamp-millis} milliseconds since the
 * epoch in a long, {@code decimal} the two's-complement big-endian unscaled value in bytes or a
 * fixed (sign-extended to its size), {@code uuid} the canonical text in a string. Each method
 * checks that the schema carries the logical type. Stateless, thread-safe.
 */
public final class LogicalValues {
  private LogicalValues() {}

  public static int fromDate(Schema schema, LocalDate date) {
    require(schema, LogicalType.DATE);
    return Math.toIntExact(date.toEpochDay());
  }

  public static LocalDate toDate(Schema schema, int days) {
    require(schema, LogicalType.DATE);
    return LocalDate.ofEpochDay(days);
  }

  public static long fromTimestamp(Schema schema, Instant instant) {
    require(schema, LogicalType.TIMESTAMP_MILLIS);
    return instant.toEpochMilli();
  }

  public static Instant toTimestamp(Schema schema, long millis) {
    require(schema, LogicalType.TIMESTAMP_MILLIS);
    return Instant.ofEpochMilli(millis);
  }

  public static String fromUuid(Schema schema, UUID uuid) {
    require(schema, LogicalType.UUID);
    return uuid.toString();
  }

  public static UUID toUuid(Schema schema, String text) {
    require(schema, LogicalType.UUID);
    return UUID.fromString(text);
  }

  /**
   * The decimal as the schema's underlying value (a {@link ByteString} or a {@link GenericFixed}),
   * at the schema's scale.
   *
   * @throws ArithmeticException when rescaling would round, or the value has too many digits
   */
  public static Object fromDecimal(Schema schema, BigDecimal value) {
    LogicalType logical = require(schema, LogicalType.DECIMAL);
    BigDecimal scaled = value.setScale(logical.scale(), RoundingMode.UNNECESSARY);
    if (scaled.precision() > logical.precision()) {
      throw new ArithmeticException(value + " has more than " + logical.precision() + " digits");
    }
    byte[] unscaled = scaled.unscaledValue().toByteArray();
    if (schema instanceof FixedSchema fixed) {
      if (unscaled.length > fixed.size()) {
        throw new ArithmeticException(value + " does not fit " + fixed.size() + " bytes");
      }
      byte[] padded = new byte[fixed.size()];
      Arrays.fill(padded, 0, fixed.size() - unscaled.length, scaled.signum() < 0 ? (byte) -1 : 0);
      System.arraycopy(unscaled, 0, padded, fixed.size() - unscaled.length, unscaled.length);
      return new GenericFixed(fixed, padded);
    }
    return ByteString.wrap(unscaled);
  }

  public static BigDecimal toDecimal(Schema schema, Object value) {
    LogicalType logical = require(schema, LogicalType.DECIMAL);
    byte[] bytes = value instanceof GenericFixed fixed ? fixed.bytes()
        : ((ByteString) value).toByteArray();
    if (bytes.length == 0) {
      return BigDecimal.ZERO.setScale(logical.scale());
    }
    return new BigDecimal(new BigInteger(bytes), logical.scale());
  }

  private static LogicalType require(Schema schema, String name) {
    LogicalType logical = schema.logicalType();
    if (logical == null || !logical.name().equals(name)) {
      throw new IllegalArgumentException("schema " + schema.toJson() + " is not a " + name);
    }
    return logical;
  }
}
