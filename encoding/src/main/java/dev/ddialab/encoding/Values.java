package dev.ddialab.encoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Java class holds a value of each type, and which union branch a value belongs to. Every
 * codec's writer uses these, so that all encodings accept exactly the same values. Branch
 * selection goes by the value's class (and, for named types, the value's schema name), like
 * Avro's generic data model: an Integer matches only an {@code int} branch, never a {@code long}.
 */
public final class Values {
  private Values() {}

  /** Casts {@code value} to the class that holds {@code schema}'s values, or fails naming path. */
  public static <T> T expect(Class<T> holder, Object value, Schema schema, String path) {
    if (!holder.isInstance(value)) {
      throw mismatch(schema, value, path);
    }
    return holder.cast(value);
  }

  public static SchemaException mismatch(Schema schema, Object value, String path) {
    String what = schema instanceof NamedSchema named
        ? schema.type().avroName() + " " + named.fullName() : schema.type().avroName();
    return new SchemaException(path, "expected " + what + ", got " + describe(value));
  }

  /** A value for an error message: its type and a short rendering. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return value.getClass().getSimpleName() + " " + text;
  }

  /**
   * A copy that shares nothing mutable with {@code value}: records, lists and maps are copied,
   * immutable values are shared. Field defaults are handed out this way, so that a caller who
   * changes one decoded record never changes the default or another record.
   */
  public static Object deepCopy(Object value) {
    return switch (value) {
      case GenericRecord record -> {
        GenericRecord copy = new GenericRecord(record.schema());
        for (int i = 0; i < record.schema().fields().size(); i++) {
          copy.put(i, deepCopy(record.get(i)));
        }
        yield copy;
      }
      case List<?> list -> {
        ArrayList<Object> copy = new ArrayList<>(list.size());
        for (Object item : list) {
          copy.add(deepCopy(item));
        }
        yield copy;
      }
      case Map<?, ?> map -> {
        LinkedHashMap<Object, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          copy.put(entry.getKey(), deepCopy(entry.getValue()));
        }
        yield copy;
      }
      case null, default -> value;
    };
  }

  /** The index of the branch of {@code union} that holds {@code value}, or fails naming path. */
  public static int branchOf(UnionSchema union, Object value, String path) {
    String name = branchName(value);
    int index = name == null ? -1 : union.indexOf(name);
    if (index < 0) {
      throw new SchemaException(path, "value " + describe(value) + " matches no branch of union "
          + union.toJson());
    }
    return index;
  }

  private static String branchName(Object value) {
    return switch (value) {
      case null -> "null";
      case Boolean b -> "boolean";
      case Integer i -> "int";
      case Long l -> "long";
      case Float f -> "float";
      case Double d -> "double";
      case ByteString b -> "bytes";
      case String s -> "string";
      case GenericRecord r -> r.schema().fullName();
      case GenericEnum e -> e.schema().fullName();
      case GenericFixed f -> f.schema().fullName();
      case List<?> list -> "array";
      case Map<?, ?> map -> "map";
      default -> null;
    };
  }
}
