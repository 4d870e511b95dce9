package dev.ddialab.encoding.binary;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Avro's binary encoding (specification, "Binary Encoding"): no field names or tags, just values
 * in schema order, so the reader needs the writer's schema (DDIA ch. 4, Figure 4-5). int and long
 * are zig-zag varints; float and double little-endian IEEE 754; bytes and string a length then the
 * bytes; a union its branch index then the value; an enum its symbol's index. Arrays and maps are
 * written as one block (item count, items) followed by an empty block, exactly as Avro's own
 * writer does, so that our bytes equal Avro's byte for byte. Stateless, thread-safe.
 */
public final class BinaryDatumWriter {
  private BinaryDatumWriter() {}

  /**
   * Writes {@code value}. The path of a mismatch is built only as the exception unwinds (each
   * level prepends its segment), since building it for every value is most of the cost of
   * encoding.
   */
  public static void write(Schema schema, Object value, ByteSink out) {
    String path = "";
    switch (schema.type()) {
      case NULL -> {
        if (value != null) {
          throw Values.mismatch(schema, value, path);
        }
      }
      case BOOLEAN -> out.writeByte(Values.expect(Boolean.class, value, schema, path) ? 1 : 0);
      case INT -> out.writeZigZag(Values.expect(Integer.class, value, schema, path));
      case LONG -> out.writeZigZag(Values.expect(Long.class, value, schema, path));
      case FLOAT -> out.writeFloat(Values.expect(Float.class, value, schema, path));
      case DOUBLE -> out.writeDouble(Values.expect(Double.class, value, schema, path));
      case BYTES -> {
        byte[] bytes = Values.expect(ByteString.class, value, schema, path).toByteArray();
        out.writeZigZag(bytes.length);
        out.write(bytes);
      }
      case STRING -> {
        byte[] utf8 = Values.expect(String.class, value, schema, path)
            .getBytes(StandardCharsets.UTF_8);
        out.writeZigZag(utf8.length);
        out.write(utf8);
      }
      case FIXED -> {
        GenericFixed fixed = Values.expect(GenericFixed.class, value, schema, path);
        if (fixed.schema().size() != ((FixedSchema) schema).size()) {
          throw Values.mismatch(schema, value, path);
        }
        out.write(fixed.bytes());
      }
      case ENUM -> {
        GenericEnum symbol = Values.expect(GenericEnum.class, value, schema, path);
        int index = ((EnumSchema) schema).indexOf(symbol.symbol());
        if (index < 0) {
          throw new SchemaException(path, "'" + symbol.symbol() + "' is not a symbol of "
              + ((EnumSchema) schema).fullName());
        }
        out.writeZigZag(index);
      }
      case ARRAY -> {
        Schema items = ((ArraySchema) schema).items();
        List<?> list = Values.expect(List.class, value, schema, path);
        if (!list.isEmpty()) {
          out.writeZigZag(list.size());
          for (int i = 0; i < list.size(); i++) {
            try {
              write(items, list.get(i), out);
            } catch (SchemaException e) {
              throw e.under("/" + i);
            }
          }
        }
        out.writeZigZag(0);
      }
      case MAP -> {
        Schema values = ((MapSchema) schema).values();
        Map<?, ?> map = Values.expect(Map.class, value, schema, path);
        if (!map.isEmpty()) {
          out.writeZigZag(map.size());
          for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = Values.expect(String.class, entry.getKey(), Schema.of(Type.STRING),
                "/(key)");
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            out.writeZigZag(utf8.length);
            out.write(utf8);
            try {
              write(values, entry.getValue(), out);
            } catch (SchemaException e) {
              throw e.under("/" + key);
            }
          }
        }
        out.writeZigZag(0);
      }
      case RECORD -> {
        GenericRecord record = Values.expect(GenericRecord.class, value, schema, path);
        RecordSchema recordSchema = (RecordSchema) schema;
        // Identity first: fullName() builds a string, and this runs for every record.
        if (record.schema() != recordSchema
            && !record.schema().fullName().equals(recordSchema.fullName())) {
          throw Values.mismatch(schema, value, path);
        }
        for (Field field : recordSchema.fields()) {
          try {
            write(field.schema(), record.get(field.position()), out);
          } catch (SchemaException e) {
            throw e.under("/" + field.name());
          }
        }
      }
      case UNION -> {
        UnionSchema union = (UnionSchema) schema;
        int index = Values.branchOf(union, value, path);
        out.writeZigZag(index);
        write(union.branches().get(index), value, out);
      }
    }
  }
}
