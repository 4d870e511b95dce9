package dev.ddialab.encoding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Legal schema evolution steps (Avro specification, "Schema Resolution"), applied at random to a
 * writer's record schema to derive a reader's, together with the projection that says what a
 * value written with the writer's schema must read as: fields added with a default, removed,
 * reordered, renamed through aliases, promoted (int -> long -> float -> double, string <-> bytes),
 * made nullable, enums with a symbol added or removed (with a reader default), the record renamed
 * through an alias.
 */
final class Evolutions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> PRIMITIVES =
      List.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");

  /** Where a reader field's value comes from: a writer field (converted), or its default. */
  record Source(int writerPosition, UnaryOperator<Object> convert) {}

  /**
   * @param reader the reader's schema JSON
   * @param sources per reader field, in reader order: its source, or null for a default
   * @param bytesToString writer positions whose bytes must be valid UTF-8 (they become strings)
   */
  record Evolution(String reader, List<Source> sources, List<Integer> bytesToString) {}

  static Evolution evolve(ObjectNode writer, Random random) {
    ObjectNode reader = writer.deepCopy();
    ArrayNode writerFields = (ArrayNode) writer.get("fields");
    List<ObjectNode> fields = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    List<Integer> bytesToString = new ArrayList<>();
    for (int i = 0; i < writerFields.size(); i++) {
      ObjectNode field = (ObjectNode) writerFields.get(i).deepCopy();
      JsonNode type = field.get("type");
      UnaryOperator<Object> convert = v -> v;
      int choice = random.nextInt(10);
      if (choice == 0 && !definesNames(type)) {
        continue;
      } else if (choice == 1) {
        field.put("name", "renamed" + i);
        field.putArray("aliases").add("f" + i);
      } else if (choice == 2 && primitive(type) != null) {
        String from = primitive(type);
        String to = promotion(from, random);
        if (to != null) {
          field.put("type", to);
          field.remove("default");
          convert = promote(from, to);
          if (from.equals("bytes")) {
            bytesToString.add(i);
          }
        }
      } else if (choice == 3 && !type.isArray() && !primitiveIs(type, "null")) {
        ArrayNode union = NODES.arrayNode();
        if (random.nextBoolean()) {
          union.add("null");
          union.add(type);
          field.remove("default");
        } else {
          union.add(type);
          union.add("null");
        }
        field.set("type", union);
      } else if (choice == 4 && type.isObject() && type.path("type").asText().equals("enum")) {
        ObjectNode enumeration = (ObjectNode) type;
        ArrayNode symbols = (ArrayNode) enumeration.get("symbols");
        String quotedName = "\"" + enumeration.get("name").asText() + "\"";
        boolean usedElsewhere = writer.toString().split(quotedName, -1).length > 2;
        if (random.nextBoolean() || usedElsewhere || symbols.size() < 2) {
          symbols.add("ADDED");
        } else {
          String removed = symbols.get(symbols.size() - 1).asText();
          symbols.remove(symbols.size() - 1);
          enumeration.put("default", "S0");
          if (field.has("default") && field.get("default").asText().equals(removed)) {
            field.remove("default");
          }
          convert = v -> {
            GenericEnum symbol = (GenericEnum) v;
            return symbol.symbol().equals(removed) ? new GenericEnum(symbol.schema(), "S0") : v;
          };
        }
      }
      fields.add(field);
      sources.add(new Source(i, convert));
    }
    int added = random.nextInt(3);
    for (int k = 0; k < added; k++) {
      ObjectNode field = NODES.objectNode();
      field.put("name", "added" + k);
      switch (random.nextInt(4)) {
        case 0 -> field.put("type", "int").put("default", 7);
        case 1 -> field.put("type", "string").put("default", "new");
        case 2 -> {
          field.putArray("type").add("null").add("long");
          field.putNull("default");
        }
        default -> {
          field.set("type", NODES.objectNode().put("type", "array").put("items", "string"));
          field.putArray("default").add("x");
        }
      }
      int at = random.nextInt(fields.size() + 1);
      fields.add(at, field);
      sources.add(at, null);
    }
    if (fields.size() > 1 && random.nextBoolean()) {
      int a = random.nextInt(fields.size());
      int b = random.nextInt(fields.size());
      if (!mentionsNames(fields.get(a).get("type")) && !mentionsNames(fields.get(b).get("type"))) {
        Collections.swap(fields, a, b);
        Collections.swap(sources, a, b);
      }
    }
    ArrayNode readerFields = reader.putArray("fields");
    fields.forEach(readerFields::add);
    if (random.nextInt(5) == 0) {
      reader.put("name", "Renamed");
      reader.putArray("aliases").add(writer.get("name").asText());
    }
    return new Evolution(reader.toString(), sources, bytesToString);
  }

  /**
   * The value a reader of {@code reader} must see for {@code written}. Nested records, enums and
   * fixed values carry over as they are: our values compare named types by full name.
   */
  static GenericRecord project(Evolution evolution, RecordSchema reader, GenericRecord written) {
    GenericRecord expected = new GenericRecord(reader);
    for (int i = 0; i < reader.fields().size(); i++) {
      Source source = evolution.sources().get(i);
      expected.put(i, source == null ? reader.fields().get(i).defaultValue().value()
          : source.convert().apply(written.get(source.writerPosition())));
    }
    return expected;
  }

  private static String primitive(JsonNode type) {
    if (type.isTextual() && PRIMITIVES.contains(type.asText())) {
      return type.asText();
    }
    if (type.isObject() && PRIMITIVES.contains(type.path("type").asText())) {
      return type.get("type").asText();
    }
    return null;
  }

  private static boolean primitiveIs(JsonNode type, String name) {
    return name.equals(primitive(type));
  }

  private static String promotion(String from, Random random) {
    List<String> targets = switch (from) {
      case "int" -> List.of("long", "float", "double");
      case "long" -> List.of("float", "double");
      case "float" -> List.of("double");
      case "string" -> List.of("bytes");
      case "bytes" -> List.of("string");
      default -> List.of();
    };
    return targets.isEmpty() ? null : targets.get(random.nextInt(targets.size()));
  }

  private static UnaryOperator<Object> promote(String from, String to) {
    return v -> switch (to) {
      case "long" -> (long) (Integer) v;
      case "float" -> v instanceof Integer i ? (float) i : (float) (long) (Long) v;
      case "double" -> v instanceof Integer i ? (double) i
          : v instanceof Long l ? (double) l : (double) (Float) v;
      case "bytes" -> ByteString.copyOf(((String) v).getBytes(StandardCharsets.UTF_8));
      case "string" -> new String(((ByteString) v).toByteArray(), StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException(to);
    };
  }

  /** Whether the JSON defines a named type (so removing it would orphan later references). */
  static boolean definesNames(JsonNode type) {
    if (type.isObject()) {
      String kind = type.path("type").asText();
      if (kind.equals("record") || kind.equals("enum") || kind.equals("fixed")) {
        return true;
      }
    }
    for (JsonNode child : type) {
      if (definesNames(child)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the JSON defines or refers to any named type. */
  static boolean mentionsNames(JsonNode type) {
    if (type.isTextual()) {
      return !PRIMITIVES.contains(type.asText());
    }
    if (definesNames(type)) {
      return true;
    }
    for (JsonNode child : type) {
      if (mentionsNames(child)) {
        return true;
      }
    }
    return false;
  }
}
