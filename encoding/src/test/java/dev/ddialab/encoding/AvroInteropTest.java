package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.encoding.container.ContainerCodec;
import dev.ddialab.encoding.container.ContainerReader;
import dev.ddialab.encoding.container.ContainerWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Our Avro binary encoding and container files against Apache Avro itself, on random schemas and
 * values: the bytes must be identical, each side must read the other's, and files must open both
 * ways. This is what "Avro-compatible" means (specification, "Binary Encoding", "Object Container
 * Files").
 */
class AvroInteropTest {
  /**
   * Avro's generic data model, except that arrays are plain {@code GenericData.Array}s: Avro
   * 1.12.0's primitive double arrays keep only float precision when reading (the bytes are right;
   * the in-memory values are not), which would fail these tests for Avro's fault, not ours.
   */
  static final GenericData AVRO_DATA = new GenericData() {
    @Override
    public Object newArray(Object old, int size, org.apache.avro.Schema schema) {
      return new GenericData.Array<Object>(size, schema);
    }
  };

  @Property(tries = 300)
  void ourBytesEqualAvrosAndEachSideReadsTheOther(@ForAll long seed) throws IOException {
    String json = RandomSchemas.anySchema(seed);
    Schema ours = Schema.parse(json);
    org.apache.avro.Schema theirs = new org.apache.avro.Schema.Parser().parse(json);
    Random random = new Random(seed);
    for (int i = 0; i < 5; i++) {
      Object value = RandomSchemas.value(ours, random, 4);
      byte[] avroBytes = avroEncode(theirs, AvroValues.toAvro(ours, theirs, value));
      byte[] ourBytes = AvroBinary.encode(ours, value);
      assertThat(ourBytes).as("schema %s value %s", json, value).isEqualTo(avroBytes);
      assertThat(AvroBinary.decode(ours, avroBytes)).isEqualTo(value);
      Object theirsDecoded = new GenericDatumReader<Object>(theirs, theirs, AVRO_DATA)
          .read(null, DecoderFactory.get().binaryDecoder(ourBytes, null));
      assertThat(AvroValues.fromAvro(ours, theirsDecoded)).isEqualTo(value);
    }
  }

  /**
   * Avro's blocking encoder writes arrays and maps in blocks with negative counts followed by
   * their byte sizes (specification, "Complex Types"), which Avro's default writer never does;
   * we must read them, and skip them by size when the reader drops the field.
   */
  @Property(tries = 200)
  void weReadBlocksWithByteSizesAndSkipThem(@ForAll long seed) throws IOException {
    String json = RandomSchemas.recordSchema(seed);
    Schema ours = Schema.parse(json);
    org.apache.avro.Schema theirs = new org.apache.avro.Schema.Parser().parse(json);
    Schema empty = Schema.parse("{\"type\": \"record\", \"name\": \""
        + ((RecordSchema) ours).fullName() + "\", \"fields\": []}");
    Random random = new Random(seed);
    for (int i = 0; i < 5; i++) {
      Object value = RandomSchemas.value(ours, random, 5);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = new EncoderFactory().configureBlockSize(64 + random.nextInt(64))
          .blockingBinaryEncoder(out, null);
      new GenericDatumWriter<Object>(theirs).write(AvroValues.toAvro(ours, theirs, value),
          encoder);
      encoder.flush();
      byte[] blocked = out.toByteArray();
      assertThat(AvroBinary.decode(ours, blocked)).isEqualTo(value);
      assertThat(AvroBinary.decode(ours, empty, blocked))
          .isEqualTo(new GenericRecord((RecordSchema) empty));
    }
  }

  @Property(tries = 200)
  void canonicalFormMatchesAvros(@ForAll long seed) {
    String json = RandomSchemas.anySchema(seed);
    Schema ours = Schema.parse(json);
    org.apache.avro.Schema theirs = new org.apache.avro.Schema.Parser().parse(json);
    assertThat(ours.canonicalForm()).isEqualTo(SchemaNormalization.toParsingForm(theirs));
    assertThat(Schema.parse(ours.toJson())).isEqualTo(ours);
    assertThat(new org.apache.avro.Schema.Parser().parse(ours.toJson())).isEqualTo(theirs);
  }

  @Property(tries = 60)
  void containerFilesWeWriteOpenInAvro(@ForAll long seed) throws IOException {
    String json = RandomSchemas.recordSchema(seed);
    Schema ours = Schema.parse(json);
    Random random = new Random(seed);
    ContainerCodec codec = random.nextBoolean() ? ContainerCodec.NULL : ContainerCodec.DEFLATE;
    List<Object> values = values(ours, random, random.nextInt(300));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (ContainerWriter writer = new ContainerWriter(file, ours, codec, random,
        Map.of("origin", "ddia".getBytes()), 1 + random.nextInt(2000))) {
      for (Object value : values) {
        writer.append(value);
      }
    }
    List<Object> read = new ArrayList<>();
    try (DataFileReader<Object> reader = new DataFileReader<>(
        new SeekableByteArrayInput(file.toByteArray()),
        new GenericDatumReader<>(null, null, AVRO_DATA))) {
      assertThat(reader.getMetaString("avro.codec")).isEqualTo(codec.headerName());
      assertThat(reader.getMetaString("origin")).isEqualTo("ddia");
      while (reader.hasNext()) {
        read.add(AvroValues.fromAvro(ours, reader.next()));
      }
    }
    assertThat(read).isEqualTo(values);
  }

  @Property(tries = 60)
  void containerFilesAvroWritesOpenInOurs(@ForAll long seed) throws IOException {
    String json = RandomSchemas.recordSchema(seed);
    Schema ours = Schema.parse(json);
    org.apache.avro.Schema theirs = new org.apache.avro.Schema.Parser().parse(json);
    Random random = new Random(seed);
    boolean deflate = random.nextBoolean();
    List<Object> values = values(ours, random, random.nextInt(300));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(theirs))) {
      writer.setCodec(deflate ? CodecFactory.deflateCodec(6) : CodecFactory.nullCodec());
      writer.setSyncInterval(64 + random.nextInt(4000));
      writer.create(theirs, file);
      for (Object value : values) {
        writer.append(AvroValues.toAvro(ours, theirs, value));
      }
    }
    List<Object> read = new ArrayList<>();
    try (ContainerReader reader = new ContainerReader(
        new ByteArrayInputStream(file.toByteArray()), null)) {
      assertThat(reader.codec()).isEqualTo(deflate ? ContainerCodec.DEFLATE : ContainerCodec.NULL);
      assertThat(reader.writerSchema().canonicalForm())
          .isEqualTo(SchemaNormalization.toParsingForm(theirs));
      while (reader.hasNext()) {
        read.add(reader.next());
      }
    }
    assertThat(read).isEqualTo(values);
  }

  private static List<Object> values(Schema schema, Random random, int count) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(RandomSchemas.value(schema, random, 4));
    }
    return values;
  }

  static byte[] avroEncode(org.apache.avro.Schema schema, Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<Object>(schema).write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
