package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.encoding.container.ContainerCodec;
import dev.ddialab.encoding.container.ContainerReader;
import dev.ddialab.encoding.container.ContainerWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Decoders trust nothing: damaged, truncated or hostile bytes end in a MalformedDataException (or
 * a SchemaException for data that is well formed but fits no schema), never in another exception,
 * an allocation sized by the input, or a stack overflow.
 */
class MalformedInputTest {

  @Property(tries = 300)
  void damagedBytesFailCleanlyInEveryDecoder(@ForAll long seed) {
    Random random = new Random(seed);
    RecordSchema avroSchema = (RecordSchema) Schema.parse(RandomSchemas.recordSchema(seed));
    RecordSchema taggedSchema = (RecordSchema) Schema.parse(
        RandomSchemas.taggedRecordSchema(seed));
    byte[] avro = AvroBinary.encode(avroSchema, RandomSchemas.value(avroSchema, random, 4));
    byte[] tagged = TaggedBinary.encode(taggedSchema,
        RandomSchemas.value(taggedSchema, random, 4));
    for (int i = 0; i < 20; i++) {
      decodeCleanly(() -> AvroBinary.decode(avroSchema, damage(avro, random)));
      decodeCleanly(() -> AvroBinary.decode(avroSchema, avroSchema, damage(avro, random)));
      decodeCleanly(() -> TaggedBinary.decode(taggedSchema, damage(tagged, random)));
    }
  }

  private static byte[] damage(byte[] bytes, Random random) {
    byte[] damaged = bytes.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        if (damaged.length > 0) {
          damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> damaged = Arrays.copyOf(damaged, damaged.length == 0 ? 0
          : random.nextInt(damaged.length));
      case 2 -> {
        damaged = Arrays.copyOf(damaged, damaged.length + 10);
        for (int i = damaged.length - 10; i < damaged.length; i++) {
          damaged[i] = (byte) 0xff;
        }
      }
      default -> random.nextBytes(damaged);
    }
    return damaged;
  }

  private static void decodeCleanly(Runnable decode) {
    try {
      decode.run();
    } catch (MalformedDataException | SchemaException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Test
  void hostileLengthsAreRejectedBeforeAllocating() {
    Schema bytes = Schema.parse("\"bytes\"");
    byte[] claimsTwoGigabytes = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    assertThatThrownBy(() -> AvroBinary.decode(bytes, claimsTwoGigabytes))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("bytes length 2147483647 exceeds the 0 bytes that remain at offset 0");
    Schema longs = Schema.parse("{\"type\": \"array\", \"items\": \"long\"}");
    byte[] billionItems = {(byte) 0x80, (byte) 0xa8, (byte) 0xd6, (byte) 0xb9, 0x07, 0, 0};
    assertThatThrownBy(() -> AvroBinary.decode(longs, billionItems))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("block of 1000000000 items cannot fit in the 2 bytes that remain at offset 0");
    Schema nulls = Schema.parse("{\"type\": \"array\", \"items\": \"null\"}");
    assertThatThrownBy(() -> AvroBinary.decode(nulls, billionItems))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("items cannot fit");
    Schema nested = Schema.parse("""
        {"type": "record", "name": "N", "fields": [{"name": "n", "type": ["null", "N"]}]}""");
    byte[] deep = new byte[100_000];
    Arrays.fill(deep, (byte) 2);
    assertThatThrownBy(() -> AvroBinary.decode(nested, deep))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("nested deeper than");
    assertThatThrownBy(() -> AvroBinary.decode(Schema.parse("\"int\""), new byte[] {2, 2}))
        .hasMessage("1 bytes left over after the value at offset 1");
    assertThatThrownBy(() -> AvroBinary.decode(Schema.parse("\"string\""), new byte[] {2, (byte) 0xc3}))
        .hasMessage("string is not valid UTF-8 at offset 0");
    assertThatThrownBy(() -> AvroBinary.decode(Schema.parse("[\"int\"]"), new byte[] {4, 0}))
        .hasMessage("union index 2 outside 0..0 at offset 0");
    assertThatThrownBy(() -> AvroBinary.decode(Schema.parse("\"int\""),
        new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}))
        .hasMessage("int varint out of 32-bit range at offset 0");
  }

  private static byte[] containerFile(ContainerCodec codec) throws IOException {
    Schema schema = Schema.parse("""
        {"type": "record", "name": "R", "fields": [{"name": "s", "type": "string"}]}""");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContainerWriter writer = new ContainerWriter(out, schema, codec, new Random(1),
        Map.of(), 100)) {
      for (int i = 0; i < 50; i++) {
        writer.append(new GenericRecord((RecordSchema) schema).put("s", "record " + i));
      }
    }
    return out.toByteArray();
  }

  private static List<Object> readAll(byte[] file) throws IOException {
    List<Object> records = new java.util.ArrayList<>();
    try (ContainerReader reader = new ContainerReader(new ByteArrayInputStream(file), null)) {
      while (reader.hasNext()) {
        records.add(reader.next());
      }
    }
    return records;
  }

  @Property(tries = 200)
  void damagedContainerFilesFailCleanly(@ForAll long seed) throws IOException {
    Random random = new Random(seed);
    byte[] file = containerFile(random.nextBoolean() ? ContainerCodec.NULL
        : ContainerCodec.DEFLATE);
    byte[] damaged = damage(file, random);
    try {
      List<Object> records = readAll(damaged);
      assertThat(records.size()).isLessThanOrEqualTo(50);
    } catch (MalformedDataException | IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Test
  void aDamagedSyncMarkerIsReportedWithItsOffset() throws IOException {
    byte[] file = containerFile(ContainerCodec.NULL);
    assertThat(readAll(file)).hasSize(50);
    byte[] sync;
    try (ContainerReader reader = new ContainerReader(new ByteArrayInputStream(file), null)) {
      sync = reader.sync();
    }
    int last = file.length - sync.length;
    file[last + 3] ^= 1;
    assertThatThrownBy(() -> readAll(file)).isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("does not match the header's")
        .hasMessageEndingWith("at offset " + last);
    byte[] notAvro = "PK\u0003\u0004 rest".getBytes();
    assertThatThrownBy(() -> readAll(notAvro)).hasMessageStartingWith(
        "not an Avro object container file");
  }
}
