package dev.ddialab.encoding.tagged;

import dev.ddialab.encoding.ArraySchema;
import dev.ddialab.encoding.Field;
import dev.ddialab.encoding.MapSchema;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.SchemaException;
import dev.ddialab.encoding.Type;
import dev.ddialab.encoding.UnionSchema;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * How an Avro schema maps onto Protobuf messages, and which schemas have a tagged encoding at
 * all. A record is a message whose fields carry numbers ({@code "tag"}). A field may be any type;
 * an array is a repeated field (packed when its items are numbers), a map is a repeated entry
 * message (key = 1, value = 2) as in Protobuf's {@code map<string, V>}, a union with null and one
 * other type is an optional field (absent means null), and any other union is a nested message
 * holding exactly one field, numbered by branch index + 1 (empty for the null branch), like a
 * {@code oneof}; a null union field is simply absent. Inside a repeated field, a map entry or a union's message only "element" types
 * are allowed: no arrays or maps, because Protobuf has no repeated-repeated field.
 */
final class TaggedShapes {
  private TaggedShapes() {}

  /** Checks that every record reachable from {@code schema} can be encoded; fails with a path. */
  static void validate(Schema schema) {
    if (!(schema instanceof RecordSchema record)) {
      throw new SchemaException("", "the tagged encoding encodes records (messages), not "
          + schema.type().avroName());
    }
    validateRecord(record, "", Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static void validateRecord(RecordSchema record, String path, Set<RecordSchema> seen) {
    if (!seen.add(record)) {
      return;
    }
    for (Field field : record.fields()) {
      String fieldPath = path + "/fields/" + field.position();
      if (field.tag() == null) {
        throw new SchemaException(fieldPath, "field '" + field.name() + "' of "
            + record.fullName() + " has no \"tag\" (the tagged encoding numbers every field)");
      }
      validateField(field.schema(), fieldPath + "/type", seen);
    }
  }

  private static void validateField(Schema schema, String path, Set<RecordSchema> seen) {
    switch (schema) {
      case ArraySchema array -> validateElement(array.items(), path + "/items", seen);
      case MapSchema map -> validateElement(map.values(), path + "/values", seen);
      case UnionSchema union when optionalBranch(union) != null -> {
        Schema present = optionalBranch(union);
        if (present.type() == Type.ARRAY || present.type() == Type.MAP) {
          throw new SchemaException(path, "an optional " + present.type().avroName()
              + " has no tagged encoding (empty and null would both be absent)");
        }
        validateElement(present, path, seen);
      }
      default -> {
        if (schema.type() != Type.NULL) {
          validateElement(schema, path, seen);
        }
      }
    }
  }

  private static void validateElement(Schema schema, String path, Set<RecordSchema> seen) {
    switch (schema.type()) {
      case ARRAY, MAP -> throw new SchemaException(path, "a nested " + schema.type().avroName()
          + " (inside an array, map or union) has no tagged encoding; wrap it in a record");
      case NULL -> throw new SchemaException(path, "null has no tagged encoding here");
      case RECORD -> validateRecord((RecordSchema) schema, path, seen);
      case UNION -> {
        UnionSchema union = (UnionSchema) schema;
        for (int i = 0; i < union.branches().size(); i++) {
          Schema branch = union.branches().get(i);
          if (branch.type() != Type.NULL) {
            validateElement(branch, path + "/" + i, seen);
          }
        }
      }
      default -> { }
    }
  }

  /** The record's fields in field-number order. */
  static List<Field> byTag(RecordSchema record) {
    return record.fields().stream().sorted(Comparator.comparing(Field::tag)).toList();
  }

  /** For a union of null and exactly one other type, that other type; otherwise null. */
  static Schema optionalBranch(UnionSchema union) {
    if (union.branches().size() != 2) {
      return null;
    }
    Schema first = union.branches().get(0);
    Schema second = union.branches().get(1);
    if (first.type() == Type.NULL) {
      return second;
    }
    return second.type() == Type.NULL ? first : null;
  }

  /** The wire type of one element of {@code schema}, given the field's {@code protobuf} type. */
  static WireType wireType(Schema schema, String protobufType) {
    return switch (schema.type()) {
      case BOOLEAN, ENUM -> WireType.VARINT;
      case INT, LONG -> {
        if (protobufType == null) {
          yield WireType.VARINT;
        }
        yield switch (protobufType) {
          case "fixed32", "sfixed32" -> WireType.I32;
          case "fixed64", "sfixed64" -> WireType.I64;
          default -> WireType.VARINT;
        };
      }
      case FLOAT -> WireType.I32;
      case DOUBLE -> WireType.I64;
      default -> WireType.LEN;
    };
  }
}
