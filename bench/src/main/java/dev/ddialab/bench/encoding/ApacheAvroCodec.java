package dev.ddialab.bench.encoding;

import dev.ddialab.encoding.GenericRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Apache Avro's generic API, used as its documentation recommends: one datum writer and reader
 * per schema, and encoders and decoders reused between records. Not thread-safe.
 */
final class ApacheAvroCodec implements Codec {
  private final Schema schema = new Schema.Parser().parse(BidEvents.SCHEMA_JSON);
  private final GenericDatumWriter<GenericData.Record> writer = new GenericDatumWriter<>(schema);
  private final GenericDatumReader<GenericData.Record> reader = new GenericDatumReader<>(schema);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  @Override
  public String name() {
    return EncodingBench.APACHE_AVRO;
  }

  @Override
  public Object[] prepare(List<GenericRecord> events) {
    Schema bidderSchema = schema.getField("bidder").schema();
    Object[] records = new Object[events.size()];
    for (int i = 0; i < records.length; i++) {
      GenericRecord event = events.get(i);
      GenericRecord who = (GenericRecord) event.get("bidder");
      GenericData.Record bidder = new GenericData.Record(bidderSchema);
      bidder.put("id", who.get("id"));
      bidder.put("name", who.get("name"));
      bidder.put("reputation", who.get("reputation"));
      GenericData.Record record = new GenericData.Record(schema);
      record.put("auctionId", event.get("auctionId"));
      record.put("bidder", bidder);
      record.put("amount", event.get("amount"));
      record.put("timestamp", event.get("timestamp"));
      record.put("note", event.get("note"));
      record.put("tags", event.get("tags"));
      record.put("attributes", (Map<?, ?>) event.get("attributes"));
      records[i] = record;
    }
    return records;
  }

  @Override
  public byte[] encode(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
    writer.write((GenericData.Record) value, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  @Override
  public Object decode(byte[] bytes) throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
    return reader.read(null, decoder);
  }
}
