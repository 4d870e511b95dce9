package dev.ddialab.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to values, driven by a schema. Two dialects differ only in unions: Avro's JSON encoding
 * wraps a non-null union value as {@code {"branch name": value}}; a field default gives the bare
 * value of the union's first branch. Bytes and fixed are strings whose characters (U+0000..U+00FF)
 * are the bytes (ISO-8859-1). A record field missing from the JSON takes its default.
 */
final class JsonValueReader {
  private final boolean taggedUnions;

  private JsonValueReader(boolean taggedUnions) {
    this.taggedUnions = taggedUnions;
  }

  static Object fromDefault(Schema schema, JsonNode json, String path) {
    return new JsonValueReader(false).read(schema, json, path);
  }

  static Object fromAvroJson(Schema schema, JsonNode json) {
    return new JsonValueReader(true).read(schema, json, "");
  }

  private Object read(Schema schema, JsonNode json, String path) {
    return switch (schema.type()) {
      case NULL -> {
        if (!json.isNull()) {
          throw mismatch(schema, json, path);
        }
        yield null;
      }
      case BOOLEAN -> {
        if (!json.isBoolean()) {
          throw mismatch(schema, json, path);
        }
        yield json.booleanValue();
      }
      case INT -> {
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
          throw mismatch(schema, json, path);
        }
        yield json.intValue();
      }
      case LONG -> {
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
          throw mismatch(schema, json, path);
        }
        yield json.longValue();
      }
      case FLOAT -> (float) floating(schema, json, path);
      case DOUBLE -> floating(schema, json, path);
      case BYTES -> ByteString.wrap(latin1(schema, json, path));
      case STRING -> {
        if (!json.isTextual()) {
          throw mismatch(schema, json, path);
        }
        yield json.textValue();
      }
      case FIXED -> {
        FixedSchema fixed = (FixedSchema) schema;
        byte[] bytes = latin1(schema, json, path);
        if (bytes.length != fixed.size()) {
          throw new SchemaException(path, "fixed " + fixed.fullName() + " needs " + fixed.size()
              + " bytes, got " + bytes.length);
        }
        yield new GenericFixed(fixed, bytes);
      }
      case ENUM -> {
        EnumSchema enumeration = (EnumSchema) schema;
        if (!json.isTextual() || enumeration.indexOf(json.textValue()) < 0) {
          throw new SchemaException(path, "expected a symbol of " + enumeration.fullName() + " "
              + enumeration.symbols() + ", got " + json);
        }
        yield new GenericEnum(enumeration, json.textValue());
      }
      case ARRAY -> {
        if (!json.isArray()) {
          throw mismatch(schema, json, path);
        }
        Schema items = ((ArraySchema) schema).items();
        List<Object> list = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
          list.add(read(items, json.get(i), path + "/" + i));
        }
        yield list;
      }
      case MAP -> {
        if (!json.isObject()) {
          throw mismatch(schema, json, path);
        }
        Schema values = ((MapSchema) schema).values();
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          map.put(entry.getKey(), read(values, entry.getValue(), path + "/" + entry.getKey()));
        }
        yield map;
      }
      case RECORD -> record((RecordSchema) schema, json, path);
      case UNION -> union((UnionSchema) schema, json, path);
    };
  }

  private GenericRecord record(RecordSchema schema, JsonNode json, String path) {
    if (!json.isObject()) {
      throw mismatch(schema, json, path);
    }
    if (!schema.isComplete()) {
      throw new SchemaException(path, "a default cannot hold record " + schema.fullName()
          + " while that record is being defined");
    }
    GenericRecord record = new GenericRecord(schema);
    for (Field field : schema.fields()) {
      JsonNode value = json.get(field.name());
      if (value != null) {
        record.put(field.position(), read(field.schema(), value, path + "/" + field.name()));
      } else if (field.hasDefault()) {
        record.put(field.position(), Values.deepCopy(field.defaultValue().value()));
      } else {
        throw new SchemaException(path, "missing field '" + field.name() + "' (it has no default)");
      }
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.field(name) == null) {
        throw new SchemaException(path, "unknown field '" + name + "' in record "
            + schema.fullName());
      }
    }
    return record;
  }

  private Object union(UnionSchema union, JsonNode json, String path) {
    if (!taggedUnions) {
      return read(union.branches().get(0), json, path);
    }
    if (json.isNull()) {
      if (union.indexOf("null") < 0) {
        throw new SchemaException(path, "null is not a branch of union " + union.toJson());
      }
      return null;
    }
    if (!json.isObject() || json.size() != 1) {
      throw new SchemaException(path, "expected a union value as {\"branch\": value} or null,"
          + " got " + json);
    }
    String branch = json.fieldNames().next();
    int index = union.indexOf(branch);
    if (index < 0) {
      throw new SchemaException(path, "'" + branch + "' is not a branch of union "
          + union.toJson());
    }
    return read(union.branches().get(index), json.get(branch), path + "/" + branch);
  }

  private static double floating(Schema schema, JsonNode json, String path) {
    if (json.isNumber()) {
      return json.doubleValue();
    }
    if (json.isTextual()) {
      switch (json.textValue()) {
        case "NaN": return Double.NaN;
        case "Infinity": return Double.POSITIVE_INFINITY;
        case "-Infinity": return Double.NEGATIVE_INFINITY;
        default: break;
      }
    }
    throw mismatch(schema, json, path);
  }

  private static byte[] latin1(Schema schema, JsonNode json, String path) {
    if (!json.isTextual()) {
      throw mismatch(schema, json, path);
    }
    String text = json.textValue();
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0xFF) {
        throw new SchemaException(path, "character U+" + String.format("%04X", (int) c)
            + " at " + i + " is not a byte (bytes are written as ISO-8859-1 characters)");
      }
      bytes[i] = (byte) c;
    }
    return bytes;
  }

  private static SchemaException mismatch(Schema schema, JsonNode json, String path) {
    String shown = json.toString();
    if (shown.length() > 40) {
      shown = shown.substring(0, 37) + "...";
    }
    return new SchemaException(path, "expected " + schema.type().avroName() + ", got " + shown);
  }
}
