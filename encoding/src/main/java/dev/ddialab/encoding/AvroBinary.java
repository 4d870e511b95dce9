package dev.ddialab.encoding;

import dev.ddialab.encoding.binary.BinaryDatumReader;
import dev.ddialab.encoding.binary.BinaryDatumWriter;
import dev.ddialab.encoding.binary.ByteSink;
import dev.ddialab.encoding.binary.ByteSource;
import dev.ddialab.encoding.evolution.ResolvingDatumReader;
import dev.ddialab.core.MalformedDataException;

/**
 * Avro's binary encoding of single values (DDIA ch. 4, "Avro"): the most compact of our three
 * encodings, because the bytes carry no field names or tags; the reader must know the writer's
 * schema. Stateless, thread-safe.
 */
public final class AvroBinary {
  private AvroBinary() {}

  /**
   * Encodes {@code value}, byte for byte as Apache Avro's generic writer does.
   *
   * @throws SchemaException when the value does not fit the schema (with the path)
   */
  public static byte[] encode(Schema schema, Object value) {
    ByteSink out = new ByteSink();
    BinaryDatumWriter.write(schema, value, out);
    return out.toByteArray();
  }

  /**
   * Decodes one value written with {@code schema}; every byte must be used.
   *
   * @throws MalformedDataException when the bytes are not a value of the schema (with an offset)
   */
  public static Object decode(Schema schema, byte[] bytes) {
    ByteSource in = new ByteSource(bytes);
    Object value = BinaryDatumReader.read(schema, in);
    requireEnd(in);
    return value;
  }

  /**
   * Decodes one value written with {@code writer} as a value of {@code reader} (schema
   * resolution: defaults, skipped fields, promotions, aliases).
   *
   * @throws SchemaException when the data reaches a part of the schemas that cannot be resolved
   */
  public static Object decode(Schema writer, Schema reader, byte[] bytes) {
    ByteSource in = new ByteSource(bytes);
    Object value = new ResolvingDatumReader(writer, reader).read(in);
    requireEnd(in);
    return value;
  }

  private static void requireEnd(ByteSource in) {
    if (in.hasRemaining()) {
      throw new MalformedDataException(in.remaining() + " bytes left over after the value",
          in.position());
    }
  }
}
