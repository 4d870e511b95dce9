package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer builds an error's path only while it unwinds; the path must still be exact. */
class BinaryWriterErrorPathTest {
  private static final RecordSchema SCHEMA = (RecordSchema) Schema.parse("""
      {"type": "record", "name": "Outer", "fields": [
        {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
          {"name": "list", "type": {"type": "array", "items": "long"}},
          {"name": "map", "type": {"type": "map", "values": ["null", "int"]}}]}}]}""");

  private static GenericRecord outer(Object list, Object map) {
    RecordSchema inner = (RecordSchema) SCHEMA.field("inner").schema();
    return new GenericRecord(SCHEMA).put("inner",
        new GenericRecord(inner).put("list", list).put("map", map));
  }

  @Test
  void mismatchesNameTheirPath() {
    assertThatThrownBy(() -> AvroBinary.encode(SCHEMA, outer(List.of(1L, "two"), Map.of())))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("/inner/list/1: expected long, got String two");
    assertThatThrownBy(() -> AvroBinary.encode(SCHEMA, outer(List.of(), Map.of("k", 2L))))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("/inner/map/k: value Long 2 matches no branch of union");
    assertThatThrownBy(() -> AvroBinary.encode(SCHEMA, outer(List.of(), Map.of(3, 1))))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("/inner/map/(key): expected string");
    assertThatThrownBy(() -> AvroBinary.encode(SCHEMA, "not a record"))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("/: expected record Outer");
  }

  @Test
  void stringsDecodeStrictly() {
    Schema string = Schema.parse("\"string\"");
    byte[] real = AvroBinary.encode(string, "a\uFFFDb");
    org.assertj.core.api.Assertions.assertThat(AvroBinary.decode(string, real))
        .isEqualTo("a\uFFFDb");
    assertThatThrownBy(() -> AvroBinary.decode(string, new byte[] {4, 'a', (byte) 0xC3, 'b', 'c'}))
        .hasMessageContaining("not valid UTF-8");
  }
}
