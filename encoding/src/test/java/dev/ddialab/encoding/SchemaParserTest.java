package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parsing Avro schema JSON into our model (specification, "Schema Declaration"). */
class SchemaParserTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      {"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"long"},{"name":"c","type":"strng"}]} | /fields/2/type: unknown type 'strng'
      {"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}  | /fields/0/default: expected int, got "x"
      {"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":1}]} | /fields/0/default: expected null, got 1
      {"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]} | /fields/1/name: duplicate field name 'a'
      {"type":"record","name":"R"} | /: missing 'fields'
      {"type":"record","name":"1R","fields":[]} | /name: invalid name '1R'
      {"type":"enum","name":"E","symbols":["A","A"]} | /symbols/1: duplicate symbol 'A'
      {"type":"enum","name":"E","symbols":["A"],"default":"B"} | /default: default 'B' is not one of the symbols [A]
      {"type":"fixed","name":"F","size":-1} | /size: expected a non-negative integer size, got -1
      ["int","int"] | /1: duplicate union branch 'int'
      ["int",["null"]] | /1: a union may not directly contain a union
      {"type":"array"} | /: missing 'items'
      {"type":"map","values":"nope"} | /values: unknown type 'nope'
      {"type":"record","name":"R","fields":[{"name":"a","type":{"type":"enum","name":"R","symbols":["X"]}}]} | /fields/0/type/name: redefinition of 'R'
      {"type":"record","name":"R","fields":[{"name":"a","type":"int","tag":0}]} | /fields/0/tag: field number 0 outside 1..536870911 or in Protobuf's reserved 19000..19999
      {"type":"record","name":"R","fields":[{"name":"a","type":"int","tag":1},{"name":"b","type":"int","tag":1}]} | /fields/1/tag: duplicate tag 1
      {"type":"record","name":"R","fields":[{"name":"a","type":"string","protobuf":"sint32"}]} | /fields/0/protobuf: protobuf type 'sint32' does not apply to string (int: int32, sint32, fixed32, sfixed32; long: int64, sint64, fixed64, sfixed64)
      {"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]} | /fields/0/order: unknown order 'up' (ascending, descending or ignore)
      {"type": | /: not valid JSON: Unexpected end-of-input within/between Object entries
      """)
  void invalidSchemasAreRejectedWithThePath(String json, String message) {
    assertThatThrownBy(() -> Schema.parse(json)).isInstanceOf(SchemaException.class)
        .hasMessage(message);
  }

  @Test
  void namesResolveAgainstTheEnclosingNamespaceAndReferencesReuseDefinitions() {
    RecordSchema outer = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "Outer", "namespace": "com.example", "fields": [
          {"name": "a", "type": {"type": "fixed", "name": "Md5", "size": 16}},
          {"name": "b", "type": "Md5"},
          {"name": "c", "type": {"type": "record", "name": "other.Inner", "fields": [
            {"name": "x", "type": {"type": "enum", "name": "Color", "symbols": ["RED"]}}]}},
          {"name": "d", "type": "other.Color"},
          {"name": "e", "type": {"type": "record", "name": "Plain", "namespace": "", "fields": []}},
          {"name": "f", "type": "Plain"}]}""");
    assertThat(outer.fullName()).isEqualTo("com.example.Outer");
    assertThat(((NamedSchema) outer.field("a").schema()).fullName()).isEqualTo("com.example.Md5");
    assertThat(outer.field("b").schema()).isSameAs(outer.field("a").schema());
    assertThat(((NamedSchema) outer.field("d").schema()).fullName()).isEqualTo("other.Color");
    assertThat(((NamedSchema) outer.field("f").schema()).fullName()).isEqualTo("Plain");
    Schema reparsed = Schema.parse(outer.toJson());
    assertThat(reparsed).isEqualTo(outer);
    assertThat(reparsed.canonicalForm()).isEqualTo(outer.canonicalForm());
    assertThat(outer.canonicalForm()).startsWith(
        "{\"name\":\"com.example.Outer\",\"type\":\"record\",\"fields\":[{\"name\":\"a\",\"type\":"
            + "{\"name\":\"com.example.Md5\",\"type\":\"fixed\",\"size\":16}},{\"name\":\"b\","
            + "\"type\":\"com.example.Md5\"}");
  }

  @Test
  void aRecordMayReferToItself() {
    RecordSchema list = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "Node", "fields": [
          {"name": "value", "type": "long"},
          {"name": "next", "type": ["null", "Node"], "default": null}]}""");
    assertThat(((UnionSchema) list.field("next").schema()).branches().get(1)).isSameAs(list);
    GenericRecord tail = new GenericRecord(list).put("value", 2L).put("next", null);
    GenericRecord head = new GenericRecord(list).put("value", 1L).put("next", tail);
    assertThat(AvroBinary.decode(list, AvroBinary.encode(list, head))).isEqualTo(head);
    assertThat(Schema.parse(list.toJson())).isEqualTo(list);
  }

  @Test
  void logicalTypesAreValidatedAndInvalidOnesIgnored() {
    RecordSchema schema = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "day", "type": {"type": "int", "logicalType": "date"}},
          {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
          {"name": "big", "type": {"type": "fixed", "name": "D", "size": 4, "logicalType": "decimal", "precision": 9}},
          {"name": "huge", "type": {"type": "fixed", "name": "D2", "size": 4, "logicalType": "decimal", "precision": 10}},
          {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
          {"name": "bad", "type": {"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 3}},
          {"name": "wrong", "type": {"type": "string", "logicalType": "date"}}]}""");
    assertThat(schema.field("day").schema().logicalType().name()).isEqualTo("date");
    assertThat(schema.field("at").schema().logicalType().name()).isEqualTo("timestamp-millis");
    assertThat(schema.field("price").schema().logicalType())
        .isEqualTo(new LogicalType("decimal", 9, 2));
    assertThat(schema.field("big").schema().logicalType())
        .isEqualTo(new LogicalType("decimal", 9, 0));
    assertThat(schema.field("huge").schema().logicalType()).as("4 bytes hold 9 digits").isNull();
    assertThat(schema.field("id").schema().logicalType().name()).isEqualTo("uuid");
    assertThat(schema.field("bad").schema().logicalType()).isNull();
    assertThat(schema.field("wrong").schema().logicalType()).isNull();
    assertThat(Schema.parse(schema.toJson())).isEqualTo(schema);
  }

  @Test
  void defaultsAreParsedIntoValues() {
    RecordSchema schema = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "n", "type": ["null", "string"], "default": null},
          {"name": "s", "type": ["string", "null"], "default": "x"},
          {"name": "b", "type": "bytes", "default": "\\u00ff\\u0000"},
          {"name": "l", "type": {"type": "array", "items": "long"}, "default": [1, 2]},
          {"name": "r", "type": {"type": "record", "name": "P", "fields": [
            {"name": "x", "type": "int", "default": 3}, {"name": "y", "type": "float"}]},
            "default": {"y": 1.5}},
          {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}, "default": "B"}]}""");
    assertThat(schema.field("n").defaultValue().value()).isNull();
    assertThat(schema.field("n").hasDefault()).isTrue();
    assertThat(schema.field("s").defaultValue().value()).isEqualTo("x");
    assertThat(schema.field("b").defaultValue().value())
        .isEqualTo(ByteString.copyOf(new byte[] {(byte) 0xff, 0}));
    assertThat(schema.field("l").defaultValue().value()).isEqualTo(List.of(1L, 2L));
    GenericRecord point = (GenericRecord) schema.field("r").defaultValue().value();
    assertThat(point.get("x")).isEqualTo(3);
    assertThat(point.get("y")).isEqualTo(1.5f);
    assertThat(schema.field("e").defaultValue().value().toString()).isEqualTo("B");
  }

  @Test
  void aliasesAndTagsSurviveTheFullForm() {
    String json = """
        {"type":"record","name":"R","namespace":"a","aliases":["b.Old"],"fields":[
        {"name":"x","type":"int","aliases":["y"],"tag":3,"protobuf":"sint32","doc":"d"}]}""";
    RecordSchema schema = (RecordSchema) Schema.parse(json);
    assertThat(schema.aliases()).containsExactly(new Name("b", "Old"));
    Field field = schema.field("x");
    assertThat(field.aliases()).containsExactly("y");
    assertThat(field.tag()).isEqualTo(3);
    assertThat(field.protobufType()).isEqualTo("sint32");
    assertThat(schema.toJson()).isEqualTo("{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"a\","
        + "\"aliases\":[\"b.Old\"],\"fields\":[{\"name\":\"x\",\"type\":\"int\",\"doc\":\"d\","
        + "\"aliases\":[\"y\"],\"tag\":3,\"protobuf\":\"sint32\"}]}");
  }
}
