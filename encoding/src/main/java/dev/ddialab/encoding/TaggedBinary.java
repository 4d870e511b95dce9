package dev.ddialab.encoding;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.encoding.binary.ByteSink;
import dev.ddialab.encoding.binary.ByteSource;
import dev.ddialab.encoding.tagged.TaggedReader;
import dev.ddialab.encoding.tagged.TaggedWriter;

/**
 * The tagged binary encoding: records in the Protobuf wire format, with field numbers from each
 * field's {@code "tag"} attribute (DDIA ch. 4, "Thrift and Protocol Buffers"). Bigger than Avro's
 * binary by a key per field, but self-describing enough that a reader needs only its own schema:
 * unknown fields are skipped and absent ones defaulted. See {@code docs/format.md} for the
 * mapping of Avro types onto Protobuf messages. Stateless, thread-safe.
 */
public final class TaggedBinary {
  private TaggedBinary() {}

  /**
   * Encodes a record whose schema tags every field.
   *
   * @throws SchemaException when a field lacks a tag, a type has no tagged encoding, or the
   *     value does not fit
   */
  public static byte[] encode(Schema schema, Object record) {
    RecordSchema recordSchema = requireRecord(schema);
    ByteSink out = new ByteSink();
    TaggedWriter.write(recordSchema,
        Values.expect(GenericRecord.class, record, schema, ""), out);
    return out.toByteArray();
  }

  /**
   * Decodes a message as a record of the reader's schema.
   *
   * @throws MalformedDataException when the bytes are not a valid message (with an offset)
   * @throws SchemaException when a known field has an unexpected wire type, or a required field
   *     without a default is absent
   */
  public static GenericRecord decode(Schema readerSchema, byte[] bytes) {
    return TaggedReader.read(requireRecord(readerSchema), new ByteSource(bytes));
  }

  private static RecordSchema requireRecord(Schema schema) {
    if (!(schema instanceof RecordSchema record)) {
      throw new SchemaException("", "the tagged encoding encodes records, not "
          + schema.type().avroName());
    }
    return record;
  }
}
