package dev.ddialab.encoding;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Avro's JSON encoding (DDIA ch. 4, "Language-Specific Formats" vs textual JSON): readable,
 * and, unlike schemaless JSON, it still says which union branch a value is and keeps bytes exact.
 * Stateless, thread-safe.
 */
public final class AvroJson {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(500).build());
  }

  private AvroJson() {}

  /** The value as compact JSON text. */
  public static String encodeToString(Schema schema, Object value) {
    return new String(encode(schema, value), StandardCharsets.UTF_8);
  }

  /**
   * The value as UTF-8 JSON bytes. Written by Jackson's UTF-8 generator, as Avro's encoder is, so
   * that the text is the same (characters beyond the BMP are escaped as surrogate pairs).
   */
  public static byte[] encode(Schema schema, Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
      new JsonValueWriter(out).write(schema, value, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The value as indented JSON, for people. */
  public static String encodePretty(Schema schema, Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
          JSON.readTree(encodeToString(schema, value)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes one JSON value.
   *
   * @throws SchemaException when the text is not JSON or does not fit the schema (with a path)
   */
  public static Object decode(Schema schema, String json) {
    return JsonValueReader.fromAvroJson(schema, tree(json));
  }

  /** Decodes a stream of JSON values (JSON Lines, or values separated by any whitespace). */
  public static List<Object> decodeAll(Schema schema, String json) {
    List<Object> values = new ArrayList<>();
    try (JsonParser parser = JSON.getFactory().createParser(json)) {
      Iterator<JsonNode> nodes = JSON.readValues(parser, JsonNode.class);
      int index = 0;
      while (nodes.hasNext()) {
        JsonNode node = nodes.next();
        try {
          values.add(JsonValueReader.fromAvroJson(schema, node));
        } catch (SchemaException e) {
          throw new SchemaException("value " + index + e.path(), e.getMessage()
              .substring(e.getMessage().indexOf(": ") + 2));
        }
        index++;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof SchemaException schemaError) {
        throw schemaError;
      }
      throw new SchemaException("", "not valid JSON: " + e.getMessage());
    }
    return values;
  }

  private static JsonNode tree(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new SchemaException("", "no JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new SchemaException("", "not valid JSON: " + e.getOriginalMessage());
    }
  }
}
