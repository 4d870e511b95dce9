package dev.ddialab.bench.encoding;

import dev.ddialab.encoding.AvroBinary;
import dev.ddialab.encoding.AvroJson;
import dev.ddialab.encoding.GenericRecord;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.TaggedBinary;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The encoding module's three codecs, called through their public entry points. */
final class OurCodecs {
  private OurCodecs() {}

  static List<Codec> all(Schema schema) {
    return List.of(new Avro(schema), new Tagged(schema), new Json(schema));
  }

  private abstract static class Ours implements Codec {
    final Schema schema;

    Ours(Schema schema) {
      this.schema = schema;
    }

    @Override
    public Object[] prepare(List<GenericRecord> events) {
      return events.toArray();
    }
  }

  static final class Avro extends Ours {
    Avro(Schema schema) {
      super(schema);
    }

    @Override
    public String name() {
      return EncodingBench.OUR_AVRO;
    }

    @Override
    public byte[] encode(Object value) {
      return AvroBinary.encode(schema, value);
    }

    @Override
    public Object decode(byte[] bytes) {
      return AvroBinary.decode(schema, bytes);
    }
  }

  static final class Tagged extends Ours {
    Tagged(Schema schema) {
      super(schema);
    }

    @Override
    public String name() {
      return "ddia tagged";
    }

    @Override
    public byte[] encode(Object value) {
      return TaggedBinary.encode(schema, value);
    }

    @Override
    public Object decode(byte[] bytes) {
      return TaggedBinary.decode(schema, bytes);
    }
  }

  static final class Json extends Ours {
    Json(Schema schema) {
      super(schema);
    }

    @Override
    public String name() {
      return "ddia json";
    }

    @Override
    public byte[] encode(Object value) {
      return AvroJson.encode(schema, value);
    }

    @Override
    public Object decode(byte[] bytes) {
      return AvroJson.decode(schema, new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
