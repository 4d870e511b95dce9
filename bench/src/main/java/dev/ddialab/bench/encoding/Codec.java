package dev.ddialab.bench.encoding;

import dev.ddialab.encoding.GenericRecord;
import java.util.List;

/**
 * One way of turning events into bytes and back. Each codec first converts the events into its
 * own in-memory form (untimed), so that what is timed is encoding and decoding only, as each
 * library's user would call it.
 */
public interface Codec {
  String name();

  /** The events in this codec's value model. */
  Object[] prepare(List<GenericRecord> events);

  byte[] encode(Object value) throws Exception;

  /** Decodes into this codec's value model (fully, so the work cannot be deferred). */
  Object decode(byte[] bytes) throws Exception;
}
