package dev.ddialab.encoding.evolution;

import dev.ddialab.encoding.ByteString;
import dev.ddialab.encoding.Field;
import dev.ddialab.encoding.GenericEnum;
import dev.ddialab.encoding.GenericFixed;
import dev.ddialab.encoding.GenericRecord;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.SchemaException;
import dev.ddialab.encoding.Type;
import dev.ddialab.encoding.UnionSchema;
import dev.ddialab.encoding.Values;
import dev.ddialab.encoding.binary.BinaryDatumReader;
import dev.ddialab.encoding.binary.ByteSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Avro binary data written with one schema as values of another (DDIA ch. 4, Figure 4-6):
 * resolves the pair once, then walks the bytes in the writer's order and builds values of the
 * reader's schema. Reaching an unresolvable part of the schemas (a writer's union branch the
 * reader has no match for, an enum symbol without a reader default) fails with a
 * {@link SchemaException} naming the path; malformed bytes fail as in {@link BinaryDatumReader}.
 * Immutable after construction and thread-safe.
 */
public final class ResolvingDatumReader {
  private final Schema writer;
  private final Schema reader;
  private final Plan plan;

  public ResolvingDatumReader(Schema writer, Schema reader) {
    this.writer = writer;
    this.reader = reader;
    this.plan = Resolver.resolve(writer, reader).plan();
  }

  public Schema writer() {
    return writer;
  }

  public Schema reader() {
    return reader;
  }

  public Object read(ByteSource in) {
    return read(plan, writer, in, 0);
  }

  private Object read(Plan step, Schema written, ByteSource in, int depth) {
    BinaryDatumReader.checkDepth(in, depth);
    return switch (step) {
      case Plan.Same same -> BinaryDatumReader.read(written, in);
      case Plan.Promote promote -> promote(promote, in);
      case Plan.Fixed fixed -> new GenericFixed(fixed.reader(), in.readBytes(fixed.reader().size()));
      case Plan.Enum enumeration -> {
        int index = BinaryDatumReader.readIndex(in, enumeration.writer().symbols().size(),
            "enum " + enumeration.writer().fullName());
        if (enumeration.errorByWriterIndex()[index] != null) {
          throw unresolvable(enumeration.errorByWriterIndex()[index]);
        }
        yield new GenericEnum(enumeration.reader(), enumeration.readerSymbolByWriterIndex()[index]);
      }
      case Plan.Array array -> {
        List<Object> list = new ArrayList<>();
        for (long count = BinaryDatumReader.readBlockCount(in, array.writerItems()); count != 0;
            count = BinaryDatumReader.readBlockCount(in, array.writerItems())) {
          for (long i = 0; i < count; i++) {
            list.add(read(array.items(), array.writerItems(), in, depth + 1));
          }
        }
        yield list;
      }
      case Plan.Map map -> {
        Map<String, Object> result = new LinkedHashMap<>();
        for (long count = BinaryDatumReader.readBlockCount(in, map.writerValues()); count != 0;
            count = BinaryDatumReader.readBlockCount(in, map.writerValues())) {
          for (long i = 0; i < count; i++) {
            String key = BinaryDatumReader.readString(in);
            result.put(key, read(map.values(), map.writerValues(), in, depth + 1));
          }
        }
        yield result;
      }
      case Plan.WriterUnion union -> {
        List<Schema> branches = ((UnionSchema) written).branches();
        int index = BinaryDatumReader.readIndex(in, branches.size(), "union");
        yield read(union.branches().get(index), branches.get(index), in, depth + 1);
      }
      case Plan.ReaderUnion union -> read(union.branch(), written, in, depth + 1);
      case Plan.Record record -> record(record, in, depth);
      case Plan.Error error -> throw unresolvable(error.problem());
    };
  }

  private GenericRecord record(Plan.Record plan, ByteSource in, int depth) {
    if (plan.error != null) {
      throw unresolvable(plan.error);
    }
    GenericRecord record = new GenericRecord(plan.reader);
    List<Field> writerFields = plan.writer.fields();
    for (int i = 0; i < writerFields.size(); i++) {
      Schema written = writerFields.get(i).schema();
      int position = plan.readerPositionByWriterField[i];
      if (position < 0) {
        BinaryDatumReader.skip(written, in, depth + 1);
      } else {
        record.put(position, read(plan.fieldPlans[i], written, in, depth + 1));
      }
    }
    for (int i = 0; i < plan.defaultedPositions.length; i++) {
      record.put(plan.defaultedPositions[i], Values.deepCopy(plan.defaultValues[i]));
    }
    return record;
  }

  private static SchemaException unresolvable(Incompatibility problem) {
    return new SchemaException(problem.path(), problem.message());
  }

  private static Object promote(Plan.Promote promote, ByteSource in) {
    return switch (promote.from()) {
      case INT -> {
        int value = in.readZigZagInt();
        yield switch (promote.to()) {
          case LONG -> (Object) (long) value;
          case FLOAT -> (float) value;
          default -> (double) value;
        };
      }
      case LONG -> {
        long value = in.readZigZagLong();
        yield promote.to() == Type.FLOAT ? (Object) (float) value
            : (double) value;
      }
      case FLOAT -> (double) in.readFloat();
      case STRING -> ByteString.copyOf(in.readBytes(in.readLength("string")));
      case BYTES -> new String(in.readBytes(in.readLength("bytes")), StandardCharsets.UTF_8);
      default -> throw new IllegalStateException("no promotion from " + promote.from());
    };
  }
}
