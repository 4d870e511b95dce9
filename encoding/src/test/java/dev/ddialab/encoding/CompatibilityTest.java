package dev.ddialab.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddialab.encoding.evolution.Compatibility;
import dev.ddialab.encoding.evolution.CompatibilityMode;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compatibility checker (DDIA ch. 4, "Backward and forward compatibility"): one example per
 * rule with its exact path message, every mode over a list of versions, and agreement with Apache
 * Avro's SchemaCompatibility on random (often incompatible) schema pairs.
 */
class CompatibilityTest {
  private static final String BASE = """
      {"type": "record", "name": "User", "fields": [
        {"name": "id", "type": "int"},
        {"name": "email", "type": "int"},
        {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}},
        {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 4}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": "long"}},
        {"name": "nick", "type": ["null", "string"], "default": null}]}""";

  /** Reader = BASE with FROM replaced by TO; EXPECTED is what reading BASE's data reports. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      int -> string     | "email", "type": "int" | "email", "type": "string" | /fields/email: type changed int -> string, not promotable
      int -> long       | "email", "type": "int" | "email", "type": "long" |
      added, no default | "nick", "type" | "age", "type": "int"}, {"name": "nick", "type" | /fields/age: reader's field is missing from the writer's schema and has no default
      added, default    | "nick", "type" | "age", "type": "int", "default": 0}, {"name": "nick", "type" |
      removed           | {"name": "id", "type": "int"}, |  |
      renamed, alias    | "name": "id", | "name": "key", "aliases": ["id"], |
      renamed, no alias | "name": "id", | "name": "key", | /fields/key: reader's field is missing from the writer's schema and has no default
      symbol removed    | "symbols": ["A", "B"] | "symbols": ["A"] | /fields/kind: symbol 'B' is missing from the reader's enum Kind, which has no default
      symbol removed, reader default | "symbols": ["A", "B"] | "symbols": ["A"], "default": "A" |
      symbol added      | "symbols": ["A", "B"] | "symbols": ["A", "B", "C"] |
      fixed size        | "size": 4 | "size": 8 | /fields/hash: fixed size changed 4 -> 8
      fixed renamed     | "name": "Hash" | "name": "Digest" | /fields/hash: name changed Hash -> Digest
      fixed renamed, alias | "name": "Hash" | "name": "Digest", "aliases": ["Hash"] |
      array items       | "items": "string" | "items": "int" | /fields/tags/items: type changed string -> int, not promotable
      array items promoted | "items": "string" | "items": "bytes" |
      map values        | "values": "long" | "values": "int" | /fields/attrs/values: type changed long -> int, not promotable
      union narrowed    | ["null", "string"], "default": null | "string" | /fields/nick: type changed null -> string, not promotable
      union widened     | ["null", "string"] | ["null", "string", "long"] |
      into a union      | "email", "type": "int" | "email", "type": ["null", "long"] |
      into a union, no match | "email", "type": "int" | "email", "type": ["null", "string"] | `/fields/email: writer's int matches no branch of the reader's union ["null","string"]`
      record renamed    | "name": "User" | "name": "Person" | /: name changed User -> Person
      record renamed, alias | "name": "User" | "name": "Person", "aliases": ["User"] |
      """)
  void eachRuleNamesItsPath(String rule, String from, String to, String expected) {
    String reader = BASE.replace(from, to == null ? "" : to);
    assertThat(reader).as("the change applies").isNotEqualTo(BASE);
    List<String> problems = Compatibility.canRead(Schema.parse(reader), Schema.parse(BASE))
        .stream().map(Object::toString).toList();
    if (expected == null) {
      assertThat(problems).as(rule).isEmpty();
    } else {
      assertThat(problems).as(rule).containsExactly(expected);
    }
  }

  private static final Schema V1 = Schema.parse("""
      {"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}]}""");
  private static final Schema V2 = Schema.parse("""
      {"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"},
        {"name": "b", "type": "string", "default": ""}]}""");
  /** Drops a, which has no default: old readers cannot read new data. */
  private static final Schema V3 = Schema.parse("""
      {"type": "record", "name": "R", "fields": [
        {"name": "b", "type": "string", "default": ""}]}""");
  /** Adds c without a default: cannot read data written with V2. */
  private static final Schema V3_NEEDS_C = Schema.parse("""
      {"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"},
        {"name": "c", "type": "int"}]}""");

  @Test
  void modesCheckTheRightDirectionAgainstTheRightVersions() {
    assertThat(Compatibility.check(CompatibilityMode.BACKWARD, List.of(V1, V2), V3)).isEmpty();
    assertThat(Compatibility.check(CompatibilityMode.FORWARD, List.of(V1, V2), V3))
        .extracting(Object::toString)
        .containsExactly("/fields/a: reader's field is missing from the writer's schema and has no"
            + " default");
    assertThat(Compatibility.check(CompatibilityMode.FULL, List.of(V1, V2), V3)).hasSize(1);
    assertThat(Compatibility.check(CompatibilityMode.BACKWARD, List.of(V1, V2), V3_NEEDS_C))
        .extracting(Object::toString)
        .containsExactly("/fields/c: reader's field is missing from the writer's schema and has no"
            + " default");
    assertThat(Compatibility.check(CompatibilityMode.FORWARD, List.of(V1, V2), V3_NEEDS_C))
        .isEmpty();
    assertThat(Compatibility.check(CompatibilityMode.NONE, List.of(V1), V3_NEEDS_C)).isEmpty();
  }

  @Test
  void transitiveModesCheckEveryEarlierVersion() {
    Schema a = Schema.parse("""
        {"type": "record", "name": "R", "fields": [{"name": "x", "type": "int"}]}""");
    Schema b = Schema.parse("""
        {"type": "record", "name": "R", "fields": [
          {"name": "x", "type": "int", "default": 0}, {"name": "y", "type": "int"}]}""");
    Schema c = Schema.parse("""
        {"type": "record", "name": "R", "fields": [{"name": "y", "type": "int"}]}""");
    assertThat(Compatibility.check(CompatibilityMode.BACKWARD, List.of(b), c)).isEmpty();
    assertThat(Compatibility.check(CompatibilityMode.BACKWARD, List.of(a, b), c)).isEmpty();
    List<Compatibility.Violation> transitive =
        Compatibility.check(CompatibilityMode.BACKWARD_TRANSITIVE, List.of(a, b), c);
    assertThat(transitive).extracting(Object::toString).containsExactly(
        "/fields/y: reader's field is missing from the writer's schema and has no default");
    assertThat(transitive.get(0).against()).isZero();
    assertThat(transitive.get(0).direction()).isEqualTo(Compatibility.Direction.NEW_READS_OLD);
    assertThat(Compatibility.check(CompatibilityMode.FORWARD_TRANSITIVE, List.of(c, b), a))
        .extracting(Compatibility.Violation::against).containsExactly(1, 0);
    assertThat(Compatibility.check(CompatibilityMode.FULL_TRANSITIVE, List.of(a, b), c))
        .hasSize(2);
  }

  @Property(tries = 400)
  void agreesWithAvroOnRandomPairs(@ForAll long seed) throws IOException {
    Random random = new Random(seed);
    String writerJson = RandomSchemas.recordSchema(seed);
    ObjectNode reader = (ObjectNode) RandomSchemas.JSON.readTree(writerJson);
    String readerJson = random.nextBoolean()
        ? mutate(reader, random).toString()
        : Evolutions.evolve(reader, random).reader();
    Schema ourWriter = Schema.parse(writerJson);
    org.apache.avro.Schema avroWriter = new org.apache.avro.Schema.Parser().parse(writerJson);
    Schema ourReader;
    try {
      ourReader = Schema.parse(readerJson);
    } catch (SchemaException invalid) {
      // The mutation left a stale default (a resized fixed). We reject it; Avro 1.12 does not
      // check a fixed default's length. Nothing to compare.
      assertThat(invalid.getMessage()).contains("default");
      return;
    }
    org.apache.avro.Schema avroReader = new org.apache.avro.Schema.Parser().parse(readerJson);
    for (boolean backward : new boolean[] {true, false}) {
      Schema r = backward ? ourReader : ourWriter;
      Schema w = backward ? ourWriter : ourReader;
      boolean ours = Compatibility.canRead(r, w).isEmpty();
      SchemaCompatibility.SchemaPairCompatibility theirs = backward
          ? SchemaCompatibility.checkReaderWriterCompatibility(avroReader, avroWriter)
          : SchemaCompatibility.checkReaderWriterCompatibility(avroWriter, avroReader);
      boolean avroSays = theirs.getType()
          == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
      assertThat(ours).as("reader %s%nwriter %s%nours %s%navro %s", r, w,
          Compatibility.canRead(r, w), theirs.getResult().getIncompatibilities())
          .isEqualTo(avroSays);
    }
  }

  /** One random, possibly breaking, change to a top-level field or the record. */
  private static ObjectNode mutate(ObjectNode record, Random random) {
    ArrayNode fields = (ArrayNode) record.get("fields");
    String[] types = {"int", "long", "float", "double", "string", "bytes", "boolean", "null"};
    switch (random.nextInt(5)) {
      case 0 -> {
        if (!fields.isEmpty()) {
          ObjectNode field = (ObjectNode) fields.get(random.nextInt(fields.size()));
          if (!Evolutions.definesNames(field.get("type"))) {
            field.put("type", types[random.nextInt(types.length)]);
            field.remove("default");
          }
        }
      }
      case 1 -> fields.addObject().put("name", "added").put("type", "int");
      case 2 -> {
        if (!fields.isEmpty()) {
          int at = random.nextInt(fields.size());
          if (!Evolutions.definesNames(fields.get(at).get("type"))) {
            fields.remove(at);
          }
        }
      }
      case 3 -> record.put("name", "Other");
      default -> mutateNamed(record, random);
    }
    return record;
  }

  private static void mutateNamed(JsonNode node, Random random) {
    if (node.isObject() && node.path("type").asText().equals("enum")
        && node.get("symbols").size() > 1) {
      ((ArrayNode) node.get("symbols")).remove(0);
      ((ObjectNode) node).remove("default");
      return;
    }
    if (node.isObject() && node.path("type").asText().equals("fixed")) {
      ((ObjectNode) node).put("size", node.get("size").asInt() + 1);
      return;
    }
    for (JsonNode child : node) {
      mutateNamed(child, random);
    }
  }
}
