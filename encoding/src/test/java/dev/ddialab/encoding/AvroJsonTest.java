package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Avro's JSON encoding: round trips, and the same text as Apache Avro's JsonEncoder. */
class AvroJsonTest {

  @Property(tries = 300)
  void roundTripsAndMatchesAvrosJsonEncoder(@ForAll long seed) throws IOException {
    String json = RandomSchemas.anySchema(seed);
    Schema ours = Schema.parse(json);
    org.apache.avro.Schema theirs = new org.apache.avro.Schema.Parser().parse(json);
    Random random = new Random(seed);
    for (int i = 0; i < 5; i++) {
      Object value = RandomSchemas.value(ours, random, 4);
      String text = AvroJson.encodeToString(ours, value);
      assertThat(AvroJson.decode(ours, text)).as(text).isEqualTo(value);

      if (hasEmptyRecord(ours, new java.util.HashSet<>())) {
        continue;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(theirs, out);
      new GenericDatumWriter<Object>(theirs).write(AvroValues.toAvro(ours, theirs, value), encoder);
      encoder.flush();
      assertThat(text).isEqualTo(out.toString(StandardCharsets.UTF_8));
      Object theirsRead = new GenericDatumReader<Object>(theirs, theirs, AvroInteropTest.AVRO_DATA)
          .read(null, DecoderFactory.get().jsonDecoder(theirs, text));
      assertThat(AvroValues.fromAvro(ours, theirsRead)).isEqualTo(value);
    }
  }

  /** Avro's JsonEncoder writes nothing at all for a record without fields; we write {}. */
  static boolean hasEmptyRecord(Schema schema, java.util.Set<String> seen) {
    return switch (schema) {
      case RecordSchema record -> seen.add(record.fullName()) && (record.fields().isEmpty()
          || record.fields().stream().anyMatch(f -> hasEmptyRecord(f.schema(), seen)));
      case ArraySchema array -> hasEmptyRecord(array.items(), seen);
      case MapSchema map -> hasEmptyRecord(map.values(), seen);
      case UnionSchema union -> union.branches().stream().anyMatch(b -> hasEmptyRecord(b, seen));
      default -> false;
    };
  }

  @Test
  void unionsAreWrappedAndBytesAreLatin1() {
    Schema schema = Schema.parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "n", "type": ["null", "long"]},
          {"name": "b", "type": "bytes"},
          {"name": "m", "type": {"type": "map", "values": ["string", "int"]}}]}""");
    GenericRecord record = new GenericRecord((RecordSchema) schema)
        .put("n", 7L)
        .put("b", ByteString.copyOf(new byte[] {0, (byte) 0xff, 'A'}))
        .put("m", Map.of("k", 1));
    String text = AvroJson.encodeToString(schema, record);
    assertThat(text).isEqualTo("{\"n\":{\"long\":7},\"b\":\"\\u0000ÿA\",\"m\":{\"k\":{\"int\":1}}}");
    assertThat(AvroJson.decode(schema, text)).isEqualTo(record);
    record.put("n", null);
    assertThat(AvroJson.encodeToString(schema, record)).startsWith("{\"n\":null,");
  }

  @Test
  void badInputIsAnErrorWithAPath() {
    Schema schema = Schema.parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "tags", "type": {"type": "array", "items": "int"}},
          {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A"]}, "default": "A"}]}""");
    assertThatThrownBy(() -> AvroJson.decode(schema, "{\"tags\": [1, \"x\"]}"))
        .isInstanceOf(SchemaException.class).hasMessage("/tags/1: expected int, got \"x\"");
    assertThatThrownBy(() -> AvroJson.decode(schema, "{\"tags\": [], \"e\": \"B\"}"))
        .hasMessage("/e: expected a symbol of E [A], got \"B\"");
    assertThatThrownBy(() -> AvroJson.decode(schema, "{\"tags\": [], \"x\": 1}"))
        .hasMessage("/: unknown field 'x' in record R");
    assertThatThrownBy(() -> AvroJson.decode(schema, "{}"))
        .hasMessage("/: missing field 'tags' (it has no default)");
    assertThatThrownBy(() -> AvroJson.decode(schema, "{\"tags\": [1"))
        .hasMessageStartingWith("/: not valid JSON");
    assertThat(AvroJson.decode(schema, "{\"tags\": [3]}").toString())
        .isEqualTo("{\"tags\":[3],\"e\":\"A\"}");
    assertThat(AvroJson.decodeAll(schema, "{\"tags\": []}\n{\"tags\": [1]}")).hasSize(2);
    assertThatThrownBy(() -> AvroJson.encode(schema, new GenericRecord((RecordSchema) schema)
        .put("tags", List.of("no")))).hasMessage("/tags/0: expected int, got String no");
  }
}
