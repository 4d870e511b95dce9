package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.WireFormat;
import dev.ddialab.core.MalformedDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The tagged encoding against Protocol Buffers itself (DDIA ch. 4, Figure 4-4): Protobuf parses our
 * bytes into the expected fields with nothing left unknown, writes bytes equal to ours, and we read
 * what it writes. Then schema evolution through tags: unknown fields skipped, absent fields
 * defaulted.
 */
class TaggedWireFormatTest {

  @Property(tries = 300)
  void protobufParsesOurBytesAndWritesTheSame(@ForAll long seed) throws IOException {
    RecordSchema schema = (RecordSchema) Schema.parse(RandomSchemas.taggedRecordSchema(seed));
    Descriptor descriptor = ProtoBridge.descriptor(new ProtoBridge(), schema);
    Random random = new Random(seed);
    for (int i = 0; i < 5; i++) {
      GenericRecord value = (GenericRecord) RandomSchemas.value(schema, random, 4);
      byte[] ours = TaggedBinary.encode(schema, value);
      DynamicMessage parsed = DynamicMessage.parseFrom(descriptor, ours);
      assertThat(parsed.getUnknownFields().asMap()).as("fields protobuf did not recognise")
          .isEmpty();
      assertThat(ProtoBridge.fromProto(schema, parsed)).isEqualTo(value);
      byte[] theirs = ProtoBridge.toProto(descriptor, value).toByteArray();
      assertThat(ours).as("schema %s, value %s", schema, value).isEqualTo(theirs);
      assertThat(TaggedBinary.decode(schema, theirs)).isEqualTo(value);
    }
  }

  @Test
  void theBooksExampleIs33BytesAndProtobufReadsItFieldByField() throws IOException {
    RecordSchema person = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "Person", "fields": [
          {"name": "userName", "type": "string", "tag": 1},
          {"name": "favoriteNumber", "type": ["null", "long"], "default": null, "tag": 2},
          {"name": "interests", "type": {"type": "array", "items": "string"}, "tag": 3}]}""");
    GenericRecord martin = new GenericRecord(person).put("userName", "Martin")
        .put("favoriteNumber", 1337L).put("interests", List.of("daydreaming", "hacking"));
    byte[] bytes = TaggedBinary.encode(person, martin);
    assertThat(bytes).hasSize(33);
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    assertThat(in.readTag()).isEqualTo(tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED));
    assertThat(in.readString()).isEqualTo("Martin");
    assertThat(in.readTag()).isEqualTo(tag(2, WireFormat.WIRETYPE_VARINT));
    assertThat(in.readInt64()).isEqualTo(1337L);
    assertThat(in.readTag()).isEqualTo(tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED));
    assertThat(in.readString()).isEqualTo("daydreaming");
    assertThat(in.readTag()).isEqualTo(tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED));
    assertThat(in.readString()).isEqualTo("hacking");
    assertThat(in.isAtEnd()).isTrue();
  }

  private static int tag(int number, int wireType) {
    return (number << 3) | wireType;
  }

  @Test
  void signedAndFixedIntegersFollowTheDeclaredProtobufType() throws IOException {
    RecordSchema schema = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "N", "fields": [
          {"name": "a", "type": "int", "tag": 1},
          {"name": "b", "type": "int", "tag": 2, "protobuf": "sint32"},
          {"name": "c", "type": "long", "tag": 3, "protobuf": "sfixed64"},
          {"name": "d", "type": "float", "tag": 4},
          {"name": "e", "type": {"type": "array", "items": "int"}, "tag": 5, "protobuf": "sint32"}]}""");
    GenericRecord value = new GenericRecord(schema).put("a", -1).put("b", -1).put("c", -2L)
        .put("d", 1.5f).put("e", List.of(-1, 1));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(expected);
    out.writeInt32(1, -1);
    out.writeSInt32(2, -1);
    out.writeSFixed64(3, -2L);
    out.writeFloat(4, 1.5f);
    out.writeTag(5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(CodedOutputStream.computeSInt32SizeNoTag(-1)
        + CodedOutputStream.computeSInt32SizeNoTag(1));
    out.writeSInt32NoTag(-1);
    out.writeSInt32NoTag(1);
    out.flush();
    byte[] bytes = TaggedBinary.encode(schema, value);
    assertThat(bytes).isEqualTo(expected.toByteArray());
    assertThat(bytes.length).as("int32 -1 takes ten bytes, sint32 -1 one").isEqualTo(
        1 + 10 + 1 + 1 + 1 + 8 + 1 + 4 + 1 + 1 + 2);
  }

  @Test
  void unknownFieldsAreSkippedAndAbsentFieldsTakeDefaults() {
    RecordSchema v1 = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "User", "fields": [
          {"name": "name", "type": "string", "tag": 1},
          {"name": "age", "type": "int", "tag": 2}]}""");
    RecordSchema v2 = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "User", "fields": [
          {"name": "name", "type": "string", "tag": 1},
          {"name": "email", "type": ["null", "string"], "tag": 3},
          {"name": "score", "type": "double", "default": 0.5, "tag": 4},
          {"name": "tags", "type": {"type": "array", "items": "string"}, "tag": 5},
          {"name": "attrs", "type": {"type": "map", "values": "long"}, "tag": 6},
          {"name": "extra", "type": {"type": "record", "name": "X", "fields": [
            {"name": "n", "type": "int", "tag": 1}]}, "default": {"n": 0}, "tag": 7}]}""");
    GenericRecord old = new GenericRecord(v1).put("name", "ada").put("age", 36);
    GenericRecord asNew = TaggedBinary.decode(v2, TaggedBinary.encode(v1, old));
    assertThat(asNew.get("name")).isEqualTo("ada");
    assertThat(asNew.get("email")).isNull();
    assertThat(asNew.get("score")).isEqualTo(0.5);
    assertThat(asNew.get("tags")).isEqualTo(List.of());
    assertThat(asNew.get("attrs")).isEqualTo(Map.of());
    assertThat(asNew.get("extra").toString()).isEqualTo("{\"n\":0}");

    GenericRecord fresh = new GenericRecord(v2).put("name", "bob").put("email", "b@x")
        .put("score", 1.0).put("tags", List.of("t")).put("attrs", Map.of("k", 1L))
        .put("extra", new GenericRecord((RecordSchema) v2.field("extra").schema()).put("n", 5));
    assertThatThrownBy(() -> TaggedBinary.decode(v1, TaggedBinary.encode(v2, fresh)))
        .isInstanceOf(SchemaException.class)
        .hasMessage("/age: field (tag 2) is absent and has no default");
  }

  @Test
  void malformedMessagesFailWithAnOffset() {
    RecordSchema schema = (RecordSchema) Schema.parse("""
        {"type": "record", "name": "R", "fields": [{"name": "s", "type": "string", "tag": 1}]}""");
    assertThatThrownBy(() -> TaggedBinary.decode(schema, new byte[] {0x0a, 0x05, 'a'}))
        .isInstanceOf(MalformedDataException.class).hasMessageContaining("offset 2");
    assertThatThrownBy(() -> TaggedBinary.decode(schema, new byte[] {0x0b}))
        .isInstanceOf(MalformedDataException.class).hasMessage(
            "unsupported wire type 3 for field 1 at offset 0");
    assertThatThrownBy(() -> TaggedBinary.decode(schema, new byte[] {0x08, 0x01}))
        .isInstanceOf(SchemaException.class)
        .hasMessage("/s: wire type VARINT where the reader's schema expects LEN");
  }

  @Test
  void schemasWithoutATaggedEncodingAreRejected() {
    assertThatThrownBy(() -> TaggedBinary.encode(Schema.parse("""
        {"type": "record", "name": "R", "fields": [{"name": "s", "type": "string"}]}"""),
        null)).hasMessage("/: expected record R, got null");
    Schema untagged = Schema.parse("""
        {"type": "record", "name": "R", "fields": [{"name": "s", "type": "string"}]}""");
    assertThatThrownBy(() -> TaggedBinary.encode(untagged,
        new GenericRecord((RecordSchema) untagged).put("s", "x")))
        .hasMessage("/fields/0: field 's' of R has no \"tag\" (the tagged encoding numbers every"
            + " field)");
    Schema nested = Schema.parse("""
        {"type": "record", "name": "R", "fields": [{"name": "m", "tag": 1,
          "type": {"type": "array", "items": {"type": "array", "items": "int"}}}]}""");
    assertThatThrownBy(() -> TaggedBinary.decode(nested, new byte[0]))
        .hasMessage("/fields/0/type/items: a nested array (inside an array, map or union) has no"
            + " tagged encoding; wrap it in a record");
  }
}
