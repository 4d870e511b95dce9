package dev.ddialab.bench.encoding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.ddialab.encoding.GenericRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schemaless JSON, as most services write it: Jackson's ObjectMapper on plain maps and lists,
 * with field names in every record and numbers as text.
 */
final class JacksonCodec implements Codec {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ObjectWriter writer = MAPPER.writerFor(Map.class);
  private final ObjectReader reader = MAPPER.readerFor(Map.class);

  @Override
  public String name() {
    return "jackson";
  }

  @Override
  public Object[] prepare(List<GenericRecord> events) {
    Object[] maps = new Object[events.size()];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = toMap(events.get(i));
    }
    return maps;
  }

  private static Map<String, Object> toMap(GenericRecord record) {
    Map<String, Object> map = new LinkedHashMap<>();
    record.schema().fields().forEach(field -> {
      Object value = record.get(field.position());
      map.put(field.name(), value instanceof GenericRecord nested ? toMap(nested) : value);
    });
    return map;
  }

  @Override
  public byte[] encode(Object value) throws IOException {
    return writer.writeValueAsBytes(value);
  }

  @Override
  public Object decode(byte[] bytes) throws IOException {
    return reader.readValue(bytes);
  }
}
