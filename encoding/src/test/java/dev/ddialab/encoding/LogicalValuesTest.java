package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.junit.jupiter.api.Test;

/** Logical types: our conversions produce the bytes Avro's own conversions produce. */
class LogicalValuesTest {
  private static final Schema DECIMAL_BYTES = Schema.parse(
      "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": 3}");
  private static final Schema DECIMAL_FIXED = Schema.parse("{\"type\": \"fixed\", \"name\": \"D\","
      + " \"size\": 6, \"logicalType\": \"decimal\", \"precision\": 12, \"scale\": 3}");

  @Property(tries = 300)
  void decimalsEncodeAsAvrosConversionDoes(
      @ForAll @LongRange(min = -999_999_999_999L, max = 999_999_999_999L) long unscaled)
      throws IOException {
    BigDecimal value = BigDecimal.valueOf(unscaled, 3);
    for (Schema schema : new Schema[] {DECIMAL_BYTES, DECIMAL_FIXED}) {
      org.apache.avro.Schema theirs = new org.apache.avro.Schema.Parser().parse(schema.toJson());
      Conversions.DecimalConversion conversion = new Conversions.DecimalConversion();
      Object avroValue = schema instanceof FixedSchema
          ? conversion.toFixed(value, theirs, LogicalTypes.fromSchema(theirs))
          : conversion.toBytes(value, theirs, LogicalTypes.fromSchema(theirs));
      byte[] expected = AvroInteropTest.avroEncode(theirs, avroValue);
      Object ours = LogicalValues.fromDecimal(schema, value);
      assertThat(AvroBinary.encode(schema, ours)).isEqualTo(expected);
      assertThat(LogicalValues.toDecimal(schema, AvroBinary.decode(schema, expected)))
          .isEqualTo(value);
    }
  }

  @Test
  void datesTimestampsAndUuids() {
    Schema date = Schema.parse("{\"type\": \"int\", \"logicalType\": \"date\"}");
    assertThat(LogicalValues.fromDate(date, LocalDate.of(2017, 3, 16))).isEqualTo(17241);
    assertThat(LogicalValues.toDate(date, -1)).isEqualTo(LocalDate.of(1969, 12, 31));
    Schema millis = Schema.parse("{\"type\": \"long\", \"logicalType\": \"timestamp-millis\"}");
    Instant at = Instant.parse("2017-03-16T10:15:30.123Z");
    assertThat(LogicalValues.toTimestamp(millis, LogicalValues.fromTimestamp(millis, at)))
        .isEqualTo(at);
    Schema uuid = Schema.parse("{\"type\": \"string\", \"logicalType\": \"uuid\"}");
    UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(LogicalValues.toUuid(uuid, LogicalValues.fromUuid(uuid, id))).isEqualTo(id);
    assertThatThrownBy(() -> LogicalValues.fromDate(millis, LocalDate.EPOCH))
        .hasMessageContaining("is not a date");
    assertThatThrownBy(() -> LogicalValues.fromDecimal(DECIMAL_BYTES, new BigDecimal("1.0001")))
        .isInstanceOf(ArithmeticException.class);
  }
}
