package dev.ddialab.encoding;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.util.Utf8;

/** Converts values between our model and Apache Avro's generic model, walking both schemas. */
final class AvroValues {
  private AvroValues() {}

  static Object toAvro(Schema ours, org.apache.avro.Schema theirs, Object value) {
    return switch (ours.type()) {
      case NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE, STRING -> value;
      case BYTES -> ByteBuffer.wrap(((ByteString) value).toByteArray());
      case FIXED -> new GenericData.Fixed(theirs, ((GenericFixed) value).bytes());
      case ENUM -> new GenericData.EnumSymbol(theirs, ((GenericEnum) value).symbol());
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object item : (List<?>) value) {
          list.add(toAvro(((ArraySchema) ours).items(), theirs.getElementType(), item));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          map.put((String) entry.getKey(),
              toAvro(((MapSchema) ours).values(), theirs.getValueType(), entry.getValue()));
        }
        yield map;
      }
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(theirs);
        GenericRecord ourRecord = (GenericRecord) value;
        for (Field field : ((RecordSchema) ours).fields()) {
          record.put(field.position(), toAvro(field.schema(),
              theirs.getFields().get(field.position()).schema(), ourRecord.get(field.position())));
        }
        yield record;
      }
      case UNION -> {
        int branch = Values.branchOf((UnionSchema) ours, value, "");
        yield toAvro(((UnionSchema) ours).branches().get(branch), theirs.getTypes().get(branch),
            value);
      }
    };
  }

  static Object fromAvro(Schema ours, Object value) {
    return switch (ours.type()) {
      case NULL, BOOLEAN, INT, LONG, FLOAT, DOUBLE -> value;
      case STRING -> value.toString();
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        yield ByteString.copyOf(bytes);
      }
      case FIXED -> new GenericFixed((FixedSchema) ours, ((GenericData.Fixed) value).bytes());
      case ENUM -> new GenericEnum((EnumSchema) ours, ((GenericEnumSymbol<?>) value).toString());
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object item : (List<?>) value) {
          list.add(fromAvro(((ArraySchema) ours).items(), item));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          map.put(entry.getKey().toString(), fromAvro(((MapSchema) ours).values(),
              entry.getValue()));
        }
        yield map;
      }
      case RECORD -> {
        GenericRecord record = new GenericRecord((RecordSchema) ours);
        org.apache.avro.generic.GenericRecord theirs = (org.apache.avro.generic.GenericRecord) value;
        for (Field field : ((RecordSchema) ours).fields()) {
          record.put(field.position(), fromAvro(field.schema(), theirs.get(field.position())));
        }
        yield record;
      }
      case UNION -> {
        UnionSchema union = (UnionSchema) ours;
        yield fromAvro(union.branches().get(avroBranch(union, value)), value);
      }
    };
  }

  private static int avroBranch(UnionSchema union, Object value) {
    String name = switch (value) {
      case null -> "null";
      case Boolean b -> "boolean";
      case Integer i -> "int";
      case Long l -> "long";
      case Float f -> "float";
      case Double d -> "double";
      case ByteBuffer b -> "bytes";
      case Utf8 u -> "string";
      case String s -> "string";
      case GenericData.Record r -> r.getSchema().getFullName();
      case GenericData.EnumSymbol e -> e.getSchema().getFullName();
      case GenericData.Fixed f -> f.getSchema().getFullName();
      case List<?> l -> "array";
      case Map<?, ?> m -> "map";
      default -> throw new IllegalArgumentException("unexpected Avro value " + value.getClass());
    };
    int index = union.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("Avro value of " + name + " fits no branch of " + union);
    }
    return index;
  }
}
