package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.encoding.container.ContainerCodec;
import dev.ddialab.encoding.container.ContainerReader;
import dev.ddialab.encoding.container.ContainerWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object container files beyond interoperability: atomic appends and reading with evolution. */
class ContainerFileTest {
  private static final RecordSchema V1 = (RecordSchema) Schema.parse("""
      {"type": "record", "name": "Event", "fields": [
        {"name": "id", "type": "long"}, {"name": "kind", "type": "string"}]}""");
  private static final Schema V2 = Schema.parse("""
      {"type": "record", "name": "Event", "fields": [
        {"name": "id", "type": "double"}, {"name": "source", "type": "string", "default": "?"}]}""");

  @TempDir
  Path dir;

  @Test
  void aRejectedAppendLeavesNoTraceAndTheFileReadsWithANewerSchema() throws IOException {
    Path file = dir.resolve("events.avro");
    try (ContainerWriter writer = ContainerWriter.create(file, V1, ContainerCodec.DEFLATE)) {
      writer.append(new GenericRecord(V1).put("id", 1L).put("kind", "a"));
      assertThatThrownBy(() -> writer.append(new GenericRecord(V1).put("id", 2L).put("kind", 7)))
          .isInstanceOf(SchemaException.class).hasMessage("/kind: expected string, got Integer 7");
      writer.append(new GenericRecord(V1).put("id", 3L).put("kind", "c"));
    }
    List<String> records = new ArrayList<>();
    try (ContainerReader reader = ContainerReader.open(file, V2)) {
      assertThat(reader.writerSchema()).isEqualTo(V1);
      while (reader.hasNext()) {
        records.add(reader.next().toString());
      }
    }
    assertThat(records).containsExactly("{\"id\":1.0,\"source\":\"?\"}",
        "{\"id\":3.0,\"source\":\"?\"}");
  }
}
