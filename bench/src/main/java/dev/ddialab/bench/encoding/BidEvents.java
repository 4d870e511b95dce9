package dev.ddialab.bench.encoding;

import dev.ddialab.encoding.GenericRecord;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The benchmark's events: an auction's BidPlaced, with the shapes real events have (a nested
 * record, a double, a timestamp, an optional field, an array and a map), generated
 * deterministically from a seed so every codec encodes the same values.
 */
public final class BidEvents {
  /** Tags make the schema usable by the tagged codec; Avro ignores unknown attributes. */
  public static final String SCHEMA_JSON = """
      {"type": "record", "name": "BidPlaced", "namespace": "dev.ddialab.bench", "fields": [
        {"name": "auctionId", "type": "string", "tag": 1},
        {"name": "bidder", "tag": 2, "type": {"type": "record", "name": "Bidder", "fields": [
          {"name": "id", "type": "long", "tag": 1},
          {"name": "name", "type": "string", "tag": 2},
          {"name": "reputation", "type": "int", "tag": 3}]}},
        {"name": "amount", "type": "double", "tag": 3},
        {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-millis"},
         "tag": 4},
        {"name": "note", "type": ["null", "string"], "default": null, "tag": 5},
        {"name": "tags", "type": {"type": "array", "items": "string"}, "tag": 6},
        {"name": "attributes", "type": {"type": "map", "values": "string"}, "tag": 7}]}
      """;

  private static final String[] NAMES = {"alice", "bob", "carol", "dmitri", "eun-ji", "farah",
      "gustavo", "hiroshi", "ingrid", "jamal"};
  private static final String[] TAGS = {"vintage", "electronics", "books", "free-shipping",
      "auto-bid", "mobile", "first-bid", "reserve-met"};
  private static final String[] DEVICES = {"ios", "android", "web", "api"};
  private static final String[] COUNTRIES = {"DE", "US", "BR", "JP", "IN", "FR", "NG"};

  private BidEvents() {}

  public static Schema schema() {
    return Schema.parse(SCHEMA_JSON);
  }

  /** {@code count} events from {@code seed}, as values of our value model. */
  public static List<GenericRecord> generate(Schema schema, int count, long seed) {
    RecordSchema bid = (RecordSchema) schema;
    RecordSchema bidder = (RecordSchema) bid.field("bidder").schema();
    SplittableRandom random = new SplittableRandom(seed);
    long start = 1_700_000_000_000L;
    List<GenericRecord> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      GenericRecord who = new GenericRecord(bidder)
          .put("id", random.nextLong(1, 50_000_000))
          .put("name", NAMES[random.nextInt(NAMES.length)] + random.nextInt(1000))
          .put("reputation", random.nextInt(0, 5000));
      List<String> tags = new ArrayList<>();
      for (int t = random.nextInt(4); t > 0; t--) {
        tags.add(TAGS[random.nextInt(TAGS.length)]);
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("device", DEVICES[random.nextInt(DEVICES.length)]);
      attributes.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
      if (random.nextInt(3) == 0) {
        attributes.put("campaign", "spring-" + random.nextInt(100));
      }
      events.add(new GenericRecord(bid)
          .put("auctionId", "auc-" + Long.toString(random.nextLong(1L << 40), 36))
          .put("bidder", who)
          .put("amount", Math.round(random.nextDouble(1, 10_000) * 100) / 100.0)
          .put("timestamp", start + i * 37L + random.nextInt(1000))
          .put("note", random.nextInt(4) == 0 ? "please ship to the office, not home" : null)
          .put("tags", tags)
          .put("attributes", attributes));
    }
    return events;
  }
}
