package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.encoding.evolution.Compatibility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Schema resolution (DDIA ch. 4, "Schema evolution rules"; Avro specification, "Schema
 * Resolution"): data written with a writer's schema, read with a reader's derived from it by legal
 * evolution steps, equals the expected projection, and Apache Avro's resolving reader agrees.
 */
class SchemaResolutionTest {

  @Property(tries = 300)
  void readingWithAnEvolvedSchemaGivesTheProjectedValue(@ForAll long seed) throws IOException {
    String writerJson = RandomSchemas.recordSchema(seed);
    Random random = new Random(seed);
    Evolutions.Evolution evolution = Evolutions.evolve(
        (ObjectNode) RandomSchemas.JSON.readTree(writerJson), random);
    RecordSchema writer = (RecordSchema) Schema.parse(writerJson);
    RecordSchema reader = (RecordSchema) Schema.parse(evolution.reader());
    org.apache.avro.Schema avroWriter = new org.apache.avro.Schema.Parser().parse(writerJson);
    org.apache.avro.Schema avroReader =
        new org.apache.avro.Schema.Parser().parse(evolution.reader());

    assertThat(Compatibility.canRead(reader, writer)).as(evolution.reader()).isEmpty();
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(avroReader, avroWriter)
        .getType()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

    for (int i = 0; i < 5; i++) {
      GenericRecord written = (GenericRecord) RandomSchemas.value(writer, random, 4);
      for (int position : evolution.bytesToString()) {
        written.put(position, ByteString.copyOf(
            RandomSchemas.string(random).getBytes(StandardCharsets.UTF_8)));
      }
      byte[] bytes = AvroBinary.encode(writer, written);
      GenericRecord expected = Evolutions.project(evolution, reader, written);
      Object ours = AvroBinary.decode(writer, reader, bytes);
      assertThat(ours).as("writer %s%nreader %s", writerJson, evolution.reader())
          .isEqualTo(expected);
      Object theirs = new GenericDatumReader<Object>(avroWriter, avroReader,
          AvroInteropTest.AVRO_DATA).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
      assertThat(AvroValues.fromAvro(reader, theirs)).isEqualTo(expected);
    }
  }

  private static final Schema V1 = Schema.parse("""
      {"type": "record", "name": "User", "namespace": "app", "fields": [
        {"name": "id", "type": "int"},
        {"name": "name", "type": "string"},
        {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}},
        {"name": "tags", "type": {"type": "array", "items": "int"}},
        {"name": "nick", "type": ["null", "string"], "default": null}]}""");

  private static GenericRecord user(String kind) {
    RecordSchema schema = (RecordSchema) V1;
    return new GenericRecord(schema).put("id", 7).put("name", "ada")
        .put("kind", new GenericEnum((EnumSchema) schema.field("kind").schema(), kind))
        .put("tags", List.of(1, 2)).put("nick", "a");
  }

  @Test
  void fieldsAreMatchedByNameOrAliasAndPromoted() {
    Schema v2 = Schema.parse("""
        {"type": "record", "name": "Person", "namespace": "other", "aliases": ["app.User"],
         "fields": [
          {"name": "nick", "type": ["null", "bytes"], "default": null},
          {"name": "fullName", "type": "bytes", "aliases": ["name"]},
          {"name": "tags", "type": {"type": "array", "items": "double"}},
          {"name": "id", "type": ["null", "long"]},
          {"name": "country", "type": "string", "default": "NO"}]}""");
    GenericRecord read = (GenericRecord) AvroBinary.decode(V1, v2,
        AvroBinary.encode(V1, user("B")));
    assertThat(read.toString()).isEqualTo("{\"nick\":{\"bytes\":\"a\"},\"fullName\":\"ada\","
        + "\"tags\":[1.0,2.0],\"id\":{\"long\":7},\"country\":\"NO\"}");
  }

  @Test
  void unknownEnumSymbolsTakeTheReadersDefaultOrFailWhenReached() {
    Schema withDefault = Schema.parse(V1.toJson().replace(
        "\"symbols\":[\"A\",\"B\",\"C\"]", "\"symbols\":[\"C\",\"A\",\"UNKNOWN\"],\"default\":\"UNKNOWN\""));
    assertThat(((GenericRecord) AvroBinary.decode(V1, withDefault,
        AvroBinary.encode(V1, user("B")))).get("kind").toString()).isEqualTo("UNKNOWN");
    assertThat(((GenericRecord) AvroBinary.decode(V1, withDefault,
        AvroBinary.encode(V1, user("C")))).get("kind").toString()).isEqualTo("C");
    Schema withoutDefault = Schema.parse(V1.toJson().replace(
        "\"symbols\":[\"A\",\"B\",\"C\"]", "\"symbols\":[\"A\",\"C\"]"));
    assertThat(((GenericRecord) AvroBinary.decode(V1, withoutDefault,
        AvroBinary.encode(V1, user("A")))).get("kind").toString()).isEqualTo("A");
    assertThatThrownBy(() -> AvroBinary.decode(V1, withoutDefault,
        AvroBinary.encode(V1, user("B"))))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("symbol 'B' is missing from the reader's enum app.Kind");
  }

  @Test
  void aWriterUnionBranchWithoutAMatchFailsOnlyWhenWritten() {
    Schema writer = Schema.parse("[\"int\", \"string\", \"null\"]");
    Schema reader = Schema.parse("[\"null\", \"double\"]");
    assertThat(AvroBinary.decode(writer, reader, AvroBinary.encode(writer, 3))).isEqualTo(3.0);
    assertThat(AvroBinary.decode(writer, reader, AvroBinary.encode(writer, null))).isNull();
    assertThatThrownBy(() -> AvroBinary.decode(writer, reader, AvroBinary.encode(writer, "x")))
        .hasMessage("/: writer's string matches no branch of the reader's union"
            + " [\"null\",\"double\"]");
    Schema single = Schema.parse("\"long\"");
    assertThat(AvroBinary.decode(writer, single, AvroBinary.encode(writer, 5))).isEqualTo(5L);
    assertThat(AvroBinary.decode(Schema.parse("\"int\""), writer,
        AvroBinary.encode(Schema.parse("\"int\""), 9))).isEqualTo(9);
  }

  @Test
  void aRecursiveSchemaResolvesAgainstItsEvolvedSelf() {
    Schema list = Schema.parse("""
        {"type": "record", "name": "Node", "fields": [
          {"name": "value", "type": "int"},
          {"name": "next", "type": ["null", "Node"]}]}""");
    Schema evolved = Schema.parse("""
        {"type": "record", "name": "Node", "fields": [
          {"name": "next", "type": ["null", "Node"]},
          {"name": "value", "type": "long"},
          {"name": "label", "type": "string", "default": "-"}]}""");
    RecordSchema node = (RecordSchema) list;
    GenericRecord chain = new GenericRecord(node).put("value", 1)
        .put("next", new GenericRecord(node).put("value", 2).put("next", null));
    assertThat(AvroBinary.decode(list, evolved, AvroBinary.encode(list, chain)).toString())
        .isEqualTo("{\"next\":{\"Node\":{\"next\":null,\"value\":2,\"label\":\"-\"}},"
            + "\"value\":1,\"label\":\"-\"}");
  }
}
