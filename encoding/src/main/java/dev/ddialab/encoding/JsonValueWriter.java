package dev.ddialab.encoding;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Values to Avro's JSON encoding, driven by a schema: a union value other than null is wrapped as
 * {@code {"branch name": value}}; bytes and fixed become ISO-8859-1 strings. Field order is the
 * schema's. The output matches Avro's own JSON encoder token for token.
 */
final class JsonValueWriter {
  private final JsonGenerator out;

  JsonValueWriter(JsonGenerator out) {
    this.out = out;
  }

  void write(Schema schema, Object value, String path) throws IOException {
    switch (schema.type()) {
      case NULL -> {
        if (value != null) {
          throw Values.mismatch(schema, value, path);
        }
        out.writeNull();
      }
      case BOOLEAN -> out.writeBoolean(Values.expect(Boolean.class, value, schema, path));
      case INT -> out.writeNumber(Values.expect(Integer.class, value, schema, path));
      case LONG -> out.writeNumber(Values.expect(Long.class, value, schema, path));
      // Avro's encoder widens a float to double first (39.76345f prints as 39.763450622558594);
      // we do the same so that the texts match. It is exact: the double narrows back to the float.
      case FLOAT -> out.writeNumber((double) Values.expect(Float.class, value, schema, path));
      case DOUBLE -> out.writeNumber(Values.expect(Double.class, value, schema, path));
      case BYTES -> out.writeString(latin1(
          Values.expect(ByteString.class, value, schema, path).bytesUnsafe()));
      case STRING -> out.writeString(Values.expect(String.class, value, schema, path));
      case FIXED -> {
        GenericFixed fixed = Values.expect(GenericFixed.class, value, schema, path);
        out.writeString(latin1(fixed.bytesUnsafe()));
      }
      case ENUM -> out.writeString(Values.expect(GenericEnum.class, value, schema, path).symbol());
      case ARRAY -> {
        Schema items = ((ArraySchema) schema).items();
        List<?> list = Values.expect(List.class, value, schema, path);
        out.writeStartArray();
        for (int i = 0; i < list.size(); i++) {
          write(items, list.get(i), path + "/" + i);
        }
        out.writeEndArray();
      }
      case MAP -> {
        Schema values = ((MapSchema) schema).values();
        out.writeStartObject();
        Map<?, ?> map = Values.expect(Map.class, value, schema, path);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String key = Values.expect(String.class, entry.getKey(), Schema.of(Type.STRING),
              path + "/(key)");
          out.writeFieldName(key);
          write(values, entry.getValue(), path + "/" + key);
        }
        out.writeEndObject();
      }
      case RECORD -> {
        GenericRecord record = Values.expect(GenericRecord.class, value, schema, path);
        out.writeStartObject();
        for (Field field : ((RecordSchema) schema).fields()) {
          out.writeFieldName(field.name());
          write(field.schema(), record.get(field.position()), path + "/" + field.name());
        }
        out.writeEndObject();
      }
      case UNION -> {
        UnionSchema union = (UnionSchema) schema;
        int index = Values.branchOf(union, value, path);
        Schema branch = union.branches().get(index);
        if (branch.type() == Type.NULL) {
          out.writeNull();
        } else {
          out.writeStartObject();
          out.writeFieldName(branch.unionBranchName());
          write(branch, value, path);
          out.writeEndObject();
        }
      }
    }
  }

  private static String latin1(byte[] bytes) {
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = (char) (bytes[i] & 0xFF);
    }
    return new String(chars);
  }
}
