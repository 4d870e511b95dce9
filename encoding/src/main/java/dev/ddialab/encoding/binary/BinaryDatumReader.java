package dev.ddialab.encoding.binary;

import dev.ddialab.core.MalformedDataException;
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
import dev.ddialab.encoding.UnionSchema;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Avro binary data with the schema it was written with, and skips values (for fields a
 * reader does not want). Nothing read is trusted: lengths are checked against the remaining input
 * before allocation, item counts against the least space an item takes, union and enum indexes
 * against the schema, strings must be valid UTF-8, and nesting is bounded, so malformed input
 * fails with a {@link MalformedDataException} naming the offset instead of exhausting memory or
 * the stack. Blocks with a negative count (followed by their size in bytes) are accepted, as the
 * specification allows writers to emit them. Stateless, thread-safe.
 */
public final class BinaryDatumReader {
  /** Deepest nesting of records, arrays, maps and unions accepted from input. */
  public static final int MAX_DEPTH = 500;
  /** Most items accepted in one array or map whose items may take zero bytes (null, empty). */
  public static final long MAX_ZERO_BYTE_ITEMS = 1 << 20;

  private BinaryDatumReader() {}

  public static Object read(Schema schema, ByteSource in) {
    return read(schema, in, 0);
  }

  private static Object read(Schema schema, ByteSource in, int depth) {
    checkDepth(in, depth);
    return switch (schema.type()) {
      case NULL -> null;
      case BOOLEAN -> readBoolean(in);
      case INT -> in.readZigZagInt();
      case LONG -> in.readZigZagLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case BYTES -> ByteString.copyOf(in.readBytes(in.readLength("bytes")));
      case STRING -> readString(in);
      case FIXED -> new GenericFixed((FixedSchema) schema,
          in.readBytes(((FixedSchema) schema).size()));
      case ENUM -> {
        EnumSchema enumeration = (EnumSchema) schema;
        int index = readIndex(in, enumeration.symbols().size(), "enum " + enumeration.fullName());
        yield new GenericEnum(enumeration, enumeration.symbols().get(index));
      }
      case ARRAY -> {
        Schema items = ((ArraySchema) schema).items();
        List<Object> list = new ArrayList<>();
        for (long count = readBlockCount(in, items); count != 0; count = readBlockCount(in, items)) {
          for (long i = 0; i < count; i++) {
            list.add(read(items, in, depth + 1));
          }
          checkTotal(in, items, list.size());
        }
        yield list;
      }
      case MAP -> {
        Schema values = ((MapSchema) schema).values();
        Map<String, Object> map = new LinkedHashMap<>();
        for (long count = readBlockCount(in, values); count != 0;
            count = readBlockCount(in, values)) {
          for (long i = 0; i < count; i++) {
            String key = readString(in);
            map.put(key, read(values, in, depth + 1));
          }
          checkTotal(in, values, map.size());
        }
        yield map;
      }
      case RECORD -> {
        RecordSchema recordSchema = (RecordSchema) schema;
        GenericRecord record = new GenericRecord(recordSchema);
        for (Field field : recordSchema.fields()) {
          record.put(field.position(), read(field.schema(), in, depth + 1));
        }
        yield record;
      }
      case UNION -> {
        UnionSchema union = (UnionSchema) schema;
        int index = readIndex(in, union.branches().size(), "union");
        yield read(union.branches().get(index), in, depth + 1);
      }
    };
  }

  /** Skips one value of {@code schema}, using block byte sizes where the writer gave them. */
  public static void skip(Schema schema, ByteSource in, int depth) {
    checkDepth(in, depth);
    switch (schema.type()) {
      case NULL -> { }
      case BOOLEAN -> readBoolean(in);
      case INT -> in.readZigZagInt();
      case LONG, ENUM -> in.readZigZagLong();
      case FLOAT -> in.skip(4);
      case DOUBLE -> in.skip(8);
      case BYTES, STRING -> in.skip(in.readLength(schema.type().avroName()));
      case FIXED -> in.skip(((FixedSchema) schema).size());
      case ARRAY, MAP -> {
        Schema items = schema instanceof ArraySchema array
            ? array.items() : ((MapSchema) schema).values();
        long total = 0;
        while (true) {
          int start = in.position();
          long count = in.readZigZagLong();
          if (count == 0) {
            break;
          }
          if (count < 0) {
            in.skip(in.readLength("block"));
            continue;
          }
          count = checkCount(in, items, count, start);
          for (long i = 0; i < count; i++) {
            if (schema instanceof MapSchema) {
              in.skip(in.readLength("map key"));
            }
            skip(items, in, depth + 1);
          }
          total += count;
          checkTotal(in, items, total);
        }
      }
      case RECORD -> {
        for (Field field : ((RecordSchema) schema).fields()) {
          skip(field.schema(), in, depth + 1);
        }
      }
      case UNION -> {
        UnionSchema union = (UnionSchema) schema;
        skip(union.branches().get(readIndex(in, union.branches().size(), "union")), in, depth + 1);
      }
    }
  }

  /**
   * The item count of the next block: 0 ends the collection. A negative count means the writer
   * also gave the block's size in bytes, which is read and checked.
   */
  public static long readBlockCount(ByteSource in, Schema items) {
    int start = in.position();
    long count = in.readZigZagLong();
    if (count < 0) {
      if (count == Long.MIN_VALUE) {
        throw new MalformedDataException("block count out of range", start);
      }
      count = -count;
      in.readLength("block");
    }
    return checkCount(in, items, count, start);
  }

  private static long checkCount(ByteSource in, Schema items, long count, int start) {
    int least = MinimumSize.of(items);
    long most = least == 0 ? MAX_ZERO_BYTE_ITEMS : in.remaining() / least;
    if (count > most) {
      throw new MalformedDataException("block of " + count + " items cannot fit in the "
          + in.remaining() + " bytes that remain", start);
    }
    return count;
  }

  private static void checkTotal(ByteSource in, Schema items, long total) {
    if (MinimumSize.of(items) == 0 && total > MAX_ZERO_BYTE_ITEMS) {
      throw new MalformedDataException("more than " + MAX_ZERO_BYTE_ITEMS
          + " zero-byte items in one collection", in.position());
    }
  }

  public static int readIndex(ByteSource in, int size, String what) {
    int start = in.position();
    long index = in.readZigZagLong();
    if (index < 0 || index >= size) {
      throw new MalformedDataException(what + " index " + index + " outside 0.." + (size - 1),
          start);
    }
    return (int) index;
  }

  public static boolean readBoolean(ByteSource in) {
    int start = in.position();
    int b = in.readByte();
    if (b > 1) {
      throw new MalformedDataException("boolean byte " + b + " is neither 0 nor 1", start);
    }
    return b == 1;
  }

  public static String readString(ByteSource in) {
    int start = in.position();
    String text = in.readUtf8((int) in.readLength("string"));
    if (text == null) {
      throw new MalformedDataException("string is not valid UTF-8", start);
    }
    return text;
  }

  public static void checkDepth(ByteSource in, int depth) {
    if (depth > MAX_DEPTH) {
      throw new MalformedDataException("values nested deeper than " + MAX_DEPTH, in.position());
    }
  }
}
