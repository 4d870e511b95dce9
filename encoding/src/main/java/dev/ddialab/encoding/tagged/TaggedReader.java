package dev.ddialab.encoding.tagged;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Varint;
import dev.ddialab.encoding.ArraySchema;
import dev.ddialab.encoding.ByteString;
import dev.ddialab.encoding.EnumSchema;
import dev.ddialab.encoding.Field;
import dev.ddialab.encoding.FixedSchema;
import dev.ddialab.encoding.GenericEnum;
import dev.ddialab.encoding.GenericFixed;
import dev.ddialab.encoding.GenericRecord;
import dev.ddialab.encoding.MapSchema;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.SchemaException;
import dev.ddialab.encoding.Type;
import dev.ddialab.encoding.UnionSchema;
import dev.ddialab.encoding.Values;
import dev.ddialab.encoding.binary.BinaryDatumReader;
import dev.ddialab.encoding.binary.ByteSource;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Protobuf-wire-format message into a record of the reader's schema. Only the reader's
 * schema is needed, because the bytes carry field numbers and wire types (DDIA ch. 4, "Field tags
 * and schema evolution"): a field number the reader does not know is skipped by its wire type
 * (forward compatibility); a reader field that is absent takes its default, or is null (optional),
 * empty (repeated, map) (backward compatibility). A scalar field seen twice keeps the last value,
 * as in Protobuf; repeated fields accept packed and unpacked items alike. Lengths are checked
 * before use and nesting is bounded. Stateless, thread-safe.
 */
public final class TaggedReader {
  private TaggedReader() {}

  public static GenericRecord read(RecordSchema schema, ByteSource in) {
    TaggedShapes.validate(schema);
    return message(schema, in, "", 0);
  }

  private static GenericRecord message(RecordSchema schema, ByteSource in, String path, int depth) {
    BinaryDatumReader.checkDepth(in, depth);
    Map<Integer, Field> byTag = new HashMap<>();
    for (Field field : schema.fields()) {
      byTag.put(field.tag(), field);
    }
    Object[] values = new Object[schema.fields().size()];
    boolean[] seen = new boolean[values.length];
    while (in.hasRemaining()) {
      int keyOffset = in.position();
      long key = in.readVarint();
      long tag = key >>> 3;
      WireType wire = WireType.of((int) (key & 7));
      if (tag == 0 || tag > Integer.MAX_VALUE) {
        throw new MalformedDataException("invalid field number " + tag, keyOffset);
      }
      if (wire == null) {
        throw new MalformedDataException("unsupported wire type " + (key & 7) + " for field "
            + tag, keyOffset);
      }
      Field field = byTag.get((int) tag);
      if (field == null) {
        skip(wire, in);
        continue;
      }
      String fieldPath = path + "/" + field.name();
      int position = field.position();
      values[position] = field(field, wire, seen[position] ? values[position] : null, in,
          fieldPath, depth);
      seen[position] = true;
    }
    GenericRecord record = new GenericRecord(schema);
    for (Field field : schema.fields()) {
      int position = field.position();
      record.put(position, seen[position] ? values[position] : absent(field, path));
    }
    return record;
  }

  /**
   * The value of a field the message lacks. A nullable union is null, whatever its default: the
   * writer leaves a null union out, so absence must read as null (as in Protobuf). Other fields
   * take their default, or are empty (repeated, map).
   */
  private static Object absent(Field field, String path) {
    Schema schema = field.schema();
    if (schema instanceof UnionSchema union && union.indexOf("null") >= 0) {
      return null;
    }
    if (field.hasDefault()) {
      return Values.deepCopy(field.defaultValue().value());
    }
    return switch (schema) {
      case ArraySchema array -> new ArrayList<>();
      case MapSchema map -> new LinkedHashMap<>();
      default -> {
        if (schema.type() == Type.NULL) {
          yield null;
        }
        throw new SchemaException(path + "/" + field.name(), "field (tag " + field.tag()
            + ") is absent and has no default");
      }
    };
  }

  /** Merges one occurrence of {@code field} into {@code previous} (null on first sight). */
  @SuppressWarnings("unchecked")
  private static Object field(Field field, WireType wire, Object previous, ByteSource in,
      String path, int depth) {
    Schema schema = field.schema();
    switch (schema) {
      case ArraySchema array -> {
        List<Object> list = previous == null ? new ArrayList<>() : (List<Object>) previous;
        WireType itemWire = TaggedShapes.wireType(array.items(), field.protobufType());
        if (wire == WireType.LEN && itemWire != WireType.LEN) {
          int limit = in.pushLimit(in.readVarint());
          while (in.hasRemaining()) {
            list.add(payload(array.items(), field.protobufType(), itemWire, in, path, depth));
          }
          in.popLimit(limit);
        } else {
          list.add(element(array.items(), field.protobufType(), wire, in, path, depth));
        }
        return list;
      }
      case MapSchema map -> {
        Map<String, Object> entries =
            previous == null ? new LinkedHashMap<>() : (Map<String, Object>) previous;
        expectWire(WireType.LEN, wire, path);
        int limit = in.pushLimit(in.readVarint());
        String key = "";
        Object value = null;
        boolean hasValue = false;
        while (in.hasRemaining()) {
          int keyOffset = in.position();
          long entryKey = in.readVarint();
          WireType entryWire = WireType.of((int) (entryKey & 7));
          if (entryWire == null) {
            throw new MalformedDataException("unsupported wire type in map entry", keyOffset);
          }
          if (entryKey >>> 3 == 1) {
            key = (String) element(Schema.of(Type.STRING), null, entryWire, in, path, depth);
          } else if (entryKey >>> 3 == 2) {
            value = element(map.values(), null, entryWire, in, path, depth);
            hasValue = true;
          } else {
            skip(entryWire, in);
          }
        }
        in.popLimit(limit);
        if (!hasValue) {
          throw new SchemaException(path, "map entry '" + key + "' has no value");
        }
        entries.put(key, value);
        return entries;
      }
      case UnionSchema union when TaggedShapes.optionalBranch(union) != null -> {
        return element(TaggedShapes.optionalBranch(union), field.protobufType(), wire, in, path,
            depth);
      }
      default -> {
        if (schema.type() == Type.NULL) {
          skip(wire, in);
          return null;
        }
        return element(schema, field.protobufType(), wire, in, path, depth);
      }
    }
  }

  private static Object element(Schema schema, String protobufType, WireType wire, ByteSource in,
      String path, int depth) {
    WireType expected = TaggedShapes.wireType(schema, protobufType);
    expectWire(expected, wire, path);
    if (expected != WireType.LEN) {
      return payload(schema, protobufType, wire, in, path, depth);
    }
    int limit = in.pushLimit(in.readVarint());
    Object value = payload(schema, protobufType, wire, in, path, depth);
    if (in.hasRemaining()) {
      throw new MalformedDataException(in.remaining() + " bytes left in a length-delimited "
          + schema.type().avroName(), in.position());
    }
    in.popLimit(limit);
    return value;
  }

  /** A value without its key; LEN payloads run to the current limit. */
  private static Object payload(Schema schema, String protobufType, WireType wire, ByteSource in,
      String path, int depth) {
    return switch (schema.type()) {
      case BOOLEAN -> in.readVarint() != 0;
      case INT -> (int) integer(protobufType == null ? "int32" : protobufType, in);
      case LONG -> integer(protobufType == null ? "int64" : protobufType, in);
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case STRING -> utf8(in.readBytes(in.remaining()), in.position(), path);
      case BYTES -> ByteString.copyOf(in.readBytes(in.remaining()));
      case FIXED -> {
        FixedSchema fixed = (FixedSchema) schema;
        if (in.remaining() != fixed.size()) {
          throw new SchemaException(path, "fixed " + fixed.fullName() + " needs " + fixed.size()
              + " bytes, got " + in.remaining());
        }
        yield new GenericFixed(fixed, in.readBytes(fixed.size()));
      }
      case ENUM -> {
        EnumSchema enumeration = (EnumSchema) schema;
        long index = in.readVarint();
        if (index >= 0 && index < enumeration.symbols().size()) {
          yield new GenericEnum(enumeration, enumeration.symbols().get((int) index));
        }
        if (enumeration.defaultSymbol() != null) {
          yield new GenericEnum(enumeration, enumeration.defaultSymbol());
        }
        throw new SchemaException(path, "enum number " + index + " is not a symbol of "
            + enumeration.fullName() + ", which has no default");
      }
      case RECORD -> message((RecordSchema) schema, in, path, depth + 1);
      case UNION -> union((UnionSchema) schema, in, path, depth + 1);
      default -> throw new SchemaException(path, schema.type().avroName()
          + " has no tagged encoding here");
    };
  }

  private static Object union(UnionSchema union, ByteSource in, String path, int depth) {
    BinaryDatumReader.checkDepth(in, depth);
    Object value = null;
    int branch = union.indexOf("null");
    while (in.hasRemaining()) {
      int keyOffset = in.position();
      long key = in.readVarint();
      WireType wire = WireType.of((int) (key & 7));
      long number = key >>> 3;
      if (wire == null) {
        throw new MalformedDataException("unsupported wire type in union", keyOffset);
      }
      if (number < 1 || number > union.branches().size()
          || union.branches().get((int) number - 1).type() == Type.NULL) {
        skip(wire, in);
        continue;
      }
      branch = (int) number - 1;
      value = element(union.branches().get(branch), null, wire, in, path, depth);
    }
    if (branch < 0) {
      throw new SchemaException(path, "union message holds no branch this reader knows, and"
          + " null is not a branch of " + union.toJson());
    }
    return value;
  }

  private static long integer(String protobufType, ByteSource in) {
    return switch (protobufType) {
      case "sint32" -> Varint.zigZagDecodeInt((int) in.readVarint());
      case "sint64" -> Varint.zigZagDecode(in.readVarint());
      case "fixed32" -> Integer.toUnsignedLong(in.readFixed32());
      case "sfixed32" -> in.readFixed32();
      case "fixed64", "sfixed64" -> in.readFixed64();
      default -> in.readVarint();
    };
  }

  private static String utf8(byte[] bytes, int end, String path) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedDataException("string is not valid UTF-8", end - bytes.length);
    }
  }

  private static void expectWire(WireType expected, WireType actual, String path) {
    if (expected != actual) {
      throw new SchemaException(path, "wire type " + actual + " where the reader's schema expects "
          + expected);
    }
  }

  static void skip(WireType wire, ByteSource in) {
    switch (wire) {
      case VARINT -> in.readVarint();
      case I64 -> in.skip(8);
      case I32 -> in.skip(4);
      case LEN -> in.skip(in.readVarint());
    }
  }
}
