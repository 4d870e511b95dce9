package dev.ddialab.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random schemas and values for property tests, from a seed (jqwik supplies and shrinks the seed,
 * and reports it on failure). Schemas cover every type, nesting, unions of distinct branch kinds,
 * named types used again by reference, logical types, and field defaults. Values are drawn to fit.
 */
final class RandomSchemas {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] PRIMITIVES =
      {"null", "boolean", "int", "long", "float", "double", "bytes", "string"};

  private final Random random;
  private final List<ObjectNode> definedNamed = new ArrayList<>();
  private int nextName;
  /** Whether generated record fields get "tag" numbers (for the tagged encoding). */
  private final boolean tagged;

  RandomSchemas(long seed, boolean tagged) {
    this.random = new Random(seed);
    this.tagged = tagged;
  }

  /** A random record schema as JSON. */
  static String recordSchema(long seed) {
    return new RandomSchemas(seed, false).record(3).toString();
  }

  /** A random record schema whose every field (recursively) carries a tag. */
  static String taggedRecordSchema(long seed) {
    return new RandomSchemas(seed, true).record(3).toString();
  }

  /** A random schema of any type (a union, an array, a primitive ...). */
  static String anySchema(long seed) {
    RandomSchemas schemas = new RandomSchemas(seed, false);
    return (schemas.random.nextInt(3) == 0 ? schemas.schema(3) : schemas.record(3)).toString();
  }

  ObjectNode record(int depth) {
    ObjectNode record = NODES.objectNode();
    record.put("type", "record");
    record.put("name", "R" + nextName++);
    ArrayNode fields = record.putArray("fields");
    int count = random.nextInt(tagged ? 6 : 5);
    List<Integer> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode field = fields.addObject();
      field.put("name", "f" + i);
      JsonNode type = tagged ? taggedFieldType(depth - 1) : schema(depth - 1);
      field.set("type", type);
      if (random.nextInt(3) == 0) {
        JsonNode defaultValue = defaultFor(type);
        if (defaultValue != null) {
          field.set("default", defaultValue);
        }
      }
      if (tagged) {
        int tag;
        do {
          tag = 1 + random.nextInt(random.nextBoolean() ? 15 : 3000);
        } while (tags.contains(tag));
        tags.add(tag);
        field.put("tag", tag);
        String protobuf = protobufType(type);
        if (protobuf != null) {
          field.put("protobuf", protobuf);
        }
      }
    }
    definedNamed.add(record);
    return record;
  }

  JsonNode schema(int depth) {
    int choice = random.nextInt(depth <= 0 ? 10 : 16);
    if (choice < 8) {
      return primitive(choice);
    }
    return switch (choice) {
      case 8 -> enumeration();
      case 9 -> fixed();
      case 10, 11 -> union(depth);
      case 12 -> NODES.objectNode().put("type", "array").set("items", schema(depth - 1));
      case 13 -> NODES.objectNode().put("type", "map").set("values", schema(depth - 1));
      case 14 -> reuseOrRecord(depth);
      default -> record(depth);
    };
  }

  private JsonNode reuseOrRecord(int depth) {
    if (!definedNamed.isEmpty() && random.nextBoolean()) {
      return NODES.textNode(definedNamed.get(random.nextInt(definedNamed.size())).get("name")
          .asText());
    }
    return record(depth);
  }

  private JsonNode primitive(int index) {
    String name = PRIMITIVES[index];
    if (random.nextInt(6) == 0) {
      switch (name) {
        case "int": return NODES.objectNode().put("type", "int").put("logicalType", "date");
        case "long":
          return NODES.objectNode().put("type", "long").put("logicalType", "timestamp-millis");
        case "string": return NODES.objectNode().put("type", "string").put("logicalType", "uuid");
        case "bytes":
          return NODES.objectNode().put("type", "bytes").put("logicalType", "decimal")
              .put("precision", 10).put("scale", 2);
        default: break;
      }
    }
    return NODES.textNode(name);
  }

  private ObjectNode enumeration() {
    ObjectNode node = NODES.objectNode();
    node.put("type", "enum");
    node.put("name", "E" + nextName++);
    ArrayNode symbols = node.putArray("symbols");
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      symbols.add("S" + i);
    }
    if (random.nextBoolean()) {
      node.put("default", "S0");
    }
    definedNamed.add(node);
    return node;
  }

  private ObjectNode fixed() {
    ObjectNode node = NODES.objectNode();
    node.put("type", "fixed");
    node.put("name", "F" + nextName++);
    node.put("size", 1 + random.nextInt(6));
    definedNamed.add(node);
    return node;
  }

  private JsonNode union(int depth) {
    ArrayNode union = NODES.arrayNode();
    List<String> kinds = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count * 3 && union.size() < count; i++) {
      int namedBefore = definedNamed.size();
      JsonNode branch = schema(Math.min(depth - 1, 1));
      String kind = kind(branch);
      if (kind.equals("union") || kinds.contains(kind)) {
        definedNamed.subList(namedBefore, definedNamed.size()).clear();
        continue;
      }
      kinds.add(kind);
      union.add(branch);
    }
    if (union.isEmpty()) {
      union.add("null");
    }
    return union;
  }

  /** A field type the tagged encoding can carry. */
  private JsonNode taggedFieldType(int depth) {
    int choice = random.nextInt(depth <= 0 ? 6 : 10);
    return switch (choice) {
      case 0, 1, 2 -> primitive(1 + random.nextInt(7));
      case 3 -> enumeration();
      case 4 -> fixed();
      case 5 -> {
        ArrayNode optional = NODES.arrayNode();
        optional.add("null");
        optional.add(primitive(1 + random.nextInt(7)));
        yield optional;
      }
      case 6 -> NODES.objectNode().put("type", "array").set("items", taggedElement(depth - 1));
      case 7 -> NODES.objectNode().put("type", "map").set("values", taggedElement(depth - 1));
      case 8 -> {
        ArrayNode union = NODES.arrayNode();
        union.add("string");
        union.add("long");
        if (random.nextBoolean()) {
          union.add("null");
        }
        union.add(record(depth - 1));
        yield union;
      }
      default -> record(depth);
    };
  }

  private JsonNode taggedElement(int depth) {
    return switch (random.nextInt(depth <= 0 ? 3 : 4)) {
      case 0, 1 -> primitive(1 + random.nextInt(7));
      case 2 -> enumeration();
      default -> record(depth);
    };
  }

  private String protobufType(JsonNode type) {
    String base = type.isTextual() ? type.asText()
        : type.isArray() && type.size() == 2 && type.get(1).isTextual() ? type.get(1).asText()
        : type.isObject() && "array".equals(type.path("type").asText())
            && type.get("items").isTextual() ? type.get("items").asText() : null;
    if (base == null || random.nextBoolean()) {
      return null;
    }
    String[] ints = {"int32", "sint32", "fixed32", "sfixed32"};
    String[] longs = {"int64", "sint64", "fixed64", "sfixed64"};
    return switch (base) {
      case "int" -> ints[random.nextInt(4)];
      case "long" -> longs[random.nextInt(4)];
      default -> null;
    };
  }

  static String kind(JsonNode schema) {
    if (schema.isTextual()) {
      return schema.asText();
    }
    if (schema.isArray()) {
      return "union";
    }
    String type = schema.get("type").asText();
    return type.equals("record") || type.equals("enum") || type.equals("fixed")
        ? schema.get("name").asText() : type;
  }

  /** A default for {@code type} (for a union, of its first branch), or null to have none. */
  private JsonNode defaultFor(JsonNode type) {
    JsonNode target = type.isArray() ? type.get(0) : type;
    if (target == null) {
      return null;
    }
    String kind = target.isTextual() ? target.asText() : target.path("type").asText();
    return switch (kind) {
      case "null" -> NODES.nullNode();
      case "boolean" -> NODES.booleanNode(random.nextBoolean());
      case "int" -> NODES.numberNode(random.nextInt(1000) - 500);
      case "long" -> NODES.numberNode(random.nextLong());
      case "float", "double" -> NODES.numberNode(random.nextInt(100) / 4.0);
      case "string" -> NODES.textNode("d" + random.nextInt(100));
      case "bytes" -> NODES.textNode("\u0000\u00ff" + (char) random.nextInt(256));
      case "enum" -> NODES.textNode(target.get("symbols").get(0).asText());
      case "fixed" -> NODES.textNode("\u00e9".repeat(target.get("size").asInt()));
      case "array" -> NODES.arrayNode();
      case "map" -> NODES.objectNode();
      default -> null;
    };
  }

  /** A random value of {@code schema}, in our value model. */
  static Object value(Schema schema, Random random, int depth) {
    return switch (schema.type()) {
      case NULL -> null;
      case BOOLEAN -> random.nextBoolean();
      case INT -> switch (random.nextInt(4)) {
        case 0 -> random.nextInt();
        case 1 -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        default -> random.nextInt(200) - 100;
      };
      case LONG -> switch (random.nextInt(4)) {
        case 0 -> random.nextLong();
        case 1 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
        default -> (long) (random.nextInt(2000) - 1000);
      };
      case FLOAT -> random.nextInt(10) == 0 ? Float.intBitsToFloat(random.nextInt())
          : (float) (random.nextGaussian() * 1000);
      case DOUBLE -> random.nextInt(10) == 0 ? Double.longBitsToDouble(random.nextLong())
          : random.nextGaussian() * 1e6;
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(12)];
        random.nextBytes(bytes);
        yield ByteString.copyOf(bytes);
      }
      case STRING -> string(random);
      case FIXED -> {
        byte[] bytes = new byte[((FixedSchema) schema).size()];
        random.nextBytes(bytes);
        yield new GenericFixed((FixedSchema) schema, bytes);
      }
      case ENUM -> {
        EnumSchema enumeration = (EnumSchema) schema;
        yield new GenericEnum(enumeration,
            enumeration.symbols().get(random.nextInt(enumeration.symbols().size())));
      }
      case ARRAY -> {
        int size = depth <= 0 ? 0 : random.nextInt(4);
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          list.add(value(((ArraySchema) schema).items(), random, depth - 1));
        }
        yield list;
      }
      case MAP -> {
        int size = depth <= 0 ? 0 : random.nextInt(4);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          map.put(string(random), value(((MapSchema) schema).values(), random, depth - 1));
        }
        yield map;
      }
      case RECORD -> {
        RecordSchema record = (RecordSchema) schema;
        GenericRecord value = new GenericRecord(record);
        for (Field field : record.fields()) {
          value.put(field.position(), value(field.schema(), random, depth - 1));
        }
        yield value;
      }
      case UNION -> {
        List<Schema> branches = ((UnionSchema) schema).branches();
        yield value(branches.get(random.nextInt(branches.size())), random, depth - 1);
      }
    };
  }

  static String string(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(8);
    for (int i = 0; i < length; i++) {
      int codePoint = switch (random.nextInt(4)) {
        case 0 -> 0x20 + random.nextInt(0x5F);
        case 1 -> random.nextInt(0x800);
        case 2 -> 0x1F600 + random.nextInt(0x50);
        default -> 0xE000 + random.nextInt(0x1000);
      };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }
}
