package dev.ddialab.encoding.cli;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.core.tour.TourStep;
import dev.ddialab.encoding.AvroBinary;
import dev.ddialab.encoding.AvroJson;
import dev.ddialab.encoding.GenericRecord;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import dev.ddialab.encoding.TaggedBinary;
import dev.ddialab.encoding.evolution.Compatibility;
import dev.ddialab.encoding.evolution.CompatibilityMode;
import dev.ddialab.encoding.registry.RegistryException;
import dev.ddialab.encoding.registry.SchemaRegistry;
import java.io.IOException;
import java.util.List;

/**
 * DDIA ch. 4, "Formats for Encoding Data": the book's example record (Figures 4-1 to 4-5) in JSON,
 * the tagged Protobuf wire format and Avro binary, size by size; then schema evolution through
 * three versions (a field added with a default; then a field removed and another added), with new
 * code reading old data and old code reading new data, and a schema registry refusing a change
 * that would break readers, naming the path.
 */
public final class EncodingTourStep implements TourStep {
  static final String PERSON_V1 = """
      {"type": "record", "name": "Person", "fields": [
        {"name": "userName", "type": "string", "tag": 1},
        {"name": "favoriteNumber", "type": ["null", "long"], "default": null, "tag": 2},
        {"name": "interests", "type": {"type": "array", "items": "string"}, "tag": 3}]}""";
  static final String PERSON_V2 = """
      {"type": "record", "name": "Person", "fields": [
        {"name": "userName", "type": "string", "tag": 1},
        {"name": "favoriteNumber", "type": ["null", "long"], "default": null, "tag": 2},
        {"name": "interests", "type": {"type": "array", "items": "string"}, "tag": 3},
        {"name": "country", "type": "string", "default": "unknown", "tag": 4}]}""";
  /** Version 3 drops favoriteNumber (it had a default) and adds an optional email. */
  static final String PERSON_V3 = """
      {"type": "record", "name": "Person", "fields": [
        {"name": "userName", "type": "string", "tag": 1},
        {"name": "interests", "type": {"type": "array", "items": "string"}, "tag": 3},
        {"name": "country", "type": "string", "default": "unknown", "tag": 4},
        {"name": "email", "type": ["null", "string"], "default": null, "tag": 5}]}""";
  static final String PERSON_BAD = """
      {"type": "record", "name": "Person", "fields": [
        {"name": "userName", "type": "string", "tag": 1},
        {"name": "favoriteNumber", "type": "string", "tag": 2},
        {"name": "interests", "type": {"type": "array", "items": "string"}, "tag": 3}]}""";

  @Override
  public int chapter() {
    return 4;
  }

  @Override
  public String title() {
    return "Encoding and evolution: JSON vs Protobuf vs Avro, and schemas that change";
  }

  @Override
  public void run(TourContext tour) throws IOException {
    RecordSchema v1 = (RecordSchema) Schema.parse(PERSON_V1);
    GenericRecord martin = new GenericRecord(v1)
        .put("userName", "Martin")
        .put("favoriteNumber", 1337L)
        .put("interests", List.of("daydreaming", "hacking"));
    tour.say("The book's example record, %s,", martin);
    tour.say("encoded three ways with one schema:");
    byte[] json = AvroJson.encode(v1, martin);
    byte[] tagged = TaggedBinary.encode(v1, martin);
    byte[] avro = AvroBinary.encode(v1, martin);
    tour.measured("Avro JSON encoding     ", String.format("%3d bytes (field names in every record;"
        + " the union adds {\"long\": ...})", json.length));
    tour.measured("tagged (Protobuf wire) ", String.format("%3d bytes (a field number and wire type"
        + " before each value)", tagged.length));
    tour.measured("Avro binary            ", String.format("%3d bytes (values only; the reader"
        + " needs the writer's schema)", avro.length));
    tour.say("Avro binary: %s", Bytes.toHex(avro));
    tour.say("The book's figures: 81 bytes of JSON without the union wrapper, 33 for Protocol");
    tour.say("Buffers, 32 for Avro.");

    tour.say("");
    tour.say("Version 2 of the schema adds 'country' with the default \"unknown\". A reader on v2");
    tour.say("resolves the writer's schema (v1) against its own and fills the gap:");
    Schema v2 = Schema.parse(PERSON_V2);
    Object readAsV2 = AvroBinary.decode(v1, v2, avro);
    tour.measured("v1 bytes read as v2    ", readAsV2.toString());
    Object taggedAsV2 = TaggedBinary.decode(v2, tagged);
    tour.measured("tagged, read as v2     ", taggedAsV2.toString());
    Object v2ReadByV1 = TaggedBinary.decode(v1, TaggedBinary.encode(v2, taggedAsV2));
    tour.measured("v2 tagged read by v1   ", v2ReadByV1 + " (tag 4 skipped)");
    tour.measured("v1 -> v2 under FULL    ", verdict(Compatibility.check(CompatibilityMode.FULL,
        List.of(v1), v2)));

    versionThree(tour, v1, v2, avro);

    tour.say("");
    tour.say("Changing favoriteNumber from [\"null\", \"long\"] to string would break readers:");
    List<Compatibility.Violation> violations = Compatibility.check(CompatibilityMode.BACKWARD,
        List.of(v1), Schema.parse(PERSON_BAD));
    tour.measured("v1 -> bad under BACKWARD", verdict(violations));
    for (Compatibility.Violation violation : violations) {
      tour.say("  %s", violation);
    }
    registry(tour);
  }

  /** Version 3: new code reads v1 data, and v1 and v2 code read v3 data. */
  private static void versionThree(TourContext tour, Schema v1, Schema v2, byte[] v1Avro) {
    tour.say("");
    tour.say("Version 3 removes favoriteNumber (it had a default, null) and adds an optional");
    tour.say("email. New code reads old data, and old code reads new data:");
    RecordSchema v3 = (RecordSchema) Schema.parse(PERSON_V3);
    tour.measured("v1 bytes read by v3 code", AvroBinary.decode(v1, v3, v1Avro).toString());
    GenericRecord written = new GenericRecord(v3)
        .put("userName", "Martin")
        .put("interests", List.of("hacking"))
        .put("country", "UK")
        .put("email", "martin@example.com");
    byte[] v3Avro = AvroBinary.encode(v3, written);
    tour.measured("v3 bytes read by v1 code", AvroBinary.decode(v3, v1, v3Avro)
        + " (favoriteNumber defaulted; country, email skipped)");
    tour.measured("v3 bytes read by v2 code", AvroBinary.decode(v3, v2, v3Avro).toString());
    tour.measured("v1, v2 -> v3, FULL_TRANSITIVE", verdict(Compatibility.check(
        CompatibilityMode.FULL_TRANSITIVE, List.of(v1, v2), v3)));
  }

  /** A registry holding v1 to v3 under FULL_TRANSITIVE refuses the breaking version. */
  private static void registry(TourContext tour) throws IOException {
    tour.say("");
    tour.say("A schema registry (FULL_TRANSITIVE) accepts the three versions and refuses it:");
    try (SchemaRegistry registry = SchemaRegistry.open(tour.newDirectory("registry"),
        CompatibilityMode.FULL_TRANSITIVE)) {
      for (String version : List.of(PERSON_V1, PERSON_V2, PERSON_V3)) {
        int id = registry.register("person-value", version);
        tour.measured("register v" + registry.versions("person-value").size(), "id " + id);
      }
      try {
        registry.register("person-value", PERSON_BAD);
        throw new IllegalStateException("the registry accepted a breaking change");
      } catch (RegistryException e) {
        tour.measured("register bad", "refused, HTTP " + e.httpStatus() + ": " + e.getMessage());
      }
    }
    tour.say("Over HTTP: ./ddia schema registry --port 8081, then POST /subjects/person/versions.");
  }

  private static String verdict(List<Compatibility.Violation> violations) {
    return violations.isEmpty() ? "compatible"
        : "incompatible (" + violations.size() + " problem" + (violations.size() == 1 ? ")" : "s)");
  }
}
