package dev.ddialab.encoding.tagged;

import dev.ddialab.core.Varint;
import dev.ddialab.encoding.ArraySchema;
import dev.ddialab.encoding.ByteString;
import dev.ddialab.encoding.EnumSchema;
import dev.ddialab.encoding.Field;
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
import dev.ddialab.encoding.binary.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a record in the Protobuf wire format (DDIA ch. 4, "Thrift and Protocol Buffers",
 * Figure 4-4): each field as a key (field number << 3 | wire type) and a value, so a reader can
 * skip fields it does not know. Every non-null field is written, even a zero (proto2's explicit
 * presence), so that a reader never confuses "zero" with "absent, take the default". Fields go
 * in field-number order, as Protobuf's own serializers write them, so equal messages encode to
 * equal bytes. A null union field is left out (absent); only inside a repeated field does a null
 * need the empty union message. Nested
 * messages are written to a scratch buffer first to learn their length. Stateless, thread-safe.
 */
public final class TaggedWriter {
  private TaggedWriter() {}

  public static void write(RecordSchema schema, GenericRecord record, ByteSink out) {
    TaggedShapes.validate(schema);
    message(schema, record, out, "");
  }

  private static void message(RecordSchema schema, Object value, ByteSink out, String path) {
    GenericRecord record = Values.expect(GenericRecord.class, value, schema, path);
    if (!record.schema().fullName().equals(schema.fullName())) {
      throw Values.mismatch(schema, value, path);
    }
    for (Field field : TaggedShapes.byTag(schema)) {
      field(field, record.get(field.position()), out, path + "/" + field.name());
    }
  }

  private static void field(Field field, Object value, ByteSink out, String path) {
    Schema schema = field.schema();
    int tag = field.tag();
    switch (schema) {
      case ArraySchema array -> {
        List<?> list = Values.expect(List.class, value, schema, path);
        WireType wire = TaggedShapes.wireType(array.items(), field.protobufType());
        if (wire != WireType.LEN && !list.isEmpty()) {
          ByteSink packed = new ByteSink();
          for (int i = 0; i < list.size(); i++) {
            payload(array.items(), field.protobufType(), list.get(i), packed, path + "/" + i);
          }
          lengthDelimited(tag, packed, out);
        } else {
          for (int i = 0; i < list.size(); i++) {
            element(tag, array.items(), field.protobufType(), list.get(i), out, path + "/" + i);
          }
        }
      }
      case MapSchema map -> {
        Map<?, ?> entries = Values.expect(Map.class, value, schema, path);
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
          String key = Values.expect(String.class, entry.getKey(), Schema.of(Type.STRING), path);
          ByteSink message = new ByteSink();
          element(1, Schema.of(Type.STRING), null, key, message, path);
          element(2, map.values(), null, entry.getValue(), message, path + "/" + key);
          lengthDelimited(tag, message, out);
        }
      }
      case UnionSchema union when TaggedShapes.optionalBranch(union) != null -> {
        if (value != null) {
          Schema present = TaggedShapes.optionalBranch(union);
          if (Values.branchOf(union, value, path) != union.branches().indexOf(present)) {
            throw Values.mismatch(present, value, path);
          }
          element(tag, present, field.protobufType(), value, out, path);
        }
      }
      case UnionSchema union -> {
        if (Values.branchOf(union, value, path) >= 0 && value != null) {
          element(tag, union, null, value, out, path);
        }
      }
      default -> {
        if (schema.type() == Type.NULL) {
          if (value != null) {
            throw Values.mismatch(schema, value, path);
          }
        } else {
          element(tag, schema, field.protobufType(), value, out, path);
        }
      }
    }
  }

  /** One key and value. */
  private static void element(int tag, Schema schema, String protobufType, Object value,
      ByteSink out, String path) {
    WireType wire = TaggedShapes.wireType(schema, protobufType);
    if (wire == WireType.LEN) {
      ByteSink body = new ByteSink();
      payload(schema, protobufType, value, body, path);
      lengthDelimited(tag, body, out);
    } else {
      out.writeVarint(((long) tag << 3) | wire.id);
      payload(schema, protobufType, value, out, path);
    }
  }

  /** A value without its key; for LEN types, without the length. */
  private static void payload(Schema schema, String protobufType, Object value, ByteSink out,
      String path) {
    switch (schema.type()) {
      case BOOLEAN -> out.writeVarint(Values.expect(Boolean.class, value, schema, path) ? 1 : 0);
      case INT -> integer(Values.expect(Integer.class, value, schema, path), true, protobufType, out);
      case LONG -> integer(Values.expect(Long.class, value, schema, path), false, protobufType, out);
      case FLOAT -> out.writeFloat(Values.expect(Float.class, value, schema, path));
      case DOUBLE -> out.writeDouble(Values.expect(Double.class, value, schema, path));
      case STRING -> out.write(Values.expect(String.class, value, schema, path)
          .getBytes(StandardCharsets.UTF_8));
      case BYTES -> out.write(Values.expect(ByteString.class, value, schema, path).toByteArray());
      case FIXED -> out.write(Values.expect(GenericFixed.class, value, schema, path).bytes());
      case ENUM -> {
        GenericEnum symbol = Values.expect(GenericEnum.class, value, schema, path);
        int index = ((EnumSchema) schema).indexOf(symbol.symbol());
        if (index < 0) {
          throw Values.mismatch(schema, value, path);
        }
        out.writeVarint(index);
      }
      case RECORD -> message((RecordSchema) schema, value, out, path);
      case UNION -> {
        UnionSchema union = (UnionSchema) schema;
        int index = Values.branchOf(union, value, path);
        Schema branch = union.branches().get(index);
        if (branch.type() != Type.NULL) {
          element(index + 1, branch, null, value, out, path);
        }
      }
      default -> throw new SchemaException(path, schema.type().avroName()
          + " has no tagged encoding here");
    }
  }

  private static void integer(long value, boolean is32, String protobufType, ByteSink out) {
    String type = protobufType != null ? protobufType : is32 ? "int32" : "int64";
    switch (type) {
      case "int32", "int64" -> out.writeVarint(value);
      case "sint32" -> out.writeVarint(Integer.toUnsignedLong(Varint.zigZagEncodeInt((int) value)));
      case "sint64" -> out.writeVarint(Varint.zigZagEncode(value));
      case "fixed32", "sfixed32" -> out.writeFixed32((int) value);
      case "fixed64", "sfixed64" -> out.writeFixed64(value);
      default -> throw new IllegalStateException("unknown protobuf type " + type);
    }
  }

  private static void lengthDelimited(int tag, ByteSink body, ByteSink out) {
    out.writeVarint(((long) tag << 3) | WireType.LEN.id);
    out.writeVarint(body.size());
    out.write(body.toByteArray());
  }
}
