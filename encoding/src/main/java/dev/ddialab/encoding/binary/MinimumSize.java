package dev.ddialab.encoding.binary;

import dev.ddialab.encoding.Field;
import dev.ddialab.encoding.FixedSchema;
import dev.ddialab.encoding.RecordSchema;
import dev.ddialab.encoding.Schema;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The fewest bytes one value of a schema takes in Avro binary: the bound that lets a reader
 * reject an item count that cannot fit in the remaining input before looping over it.
 */
final class MinimumSize {
  /** Weak keys: schemas parsed and dropped (a registry's) do not stay reachable from here. */
  private static final Map<Schema, Integer> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private MinimumSize() {}

  static int of(Schema schema) {
    Integer cached = CACHE.get(schema);
    if (cached != null) {
      return cached;
    }
    int size = compute(schema, new IdentityHashMap<>());
    CACHE.put(schema, size);
    return size;
  }

  private static int compute(Schema schema, Map<Schema, Boolean> visiting) {
    return switch (schema.type()) {
      case NULL -> 0;
      case BOOLEAN, INT, LONG, ENUM, BYTES, STRING, ARRAY, MAP, UNION -> 1;
      case FLOAT -> 4;
      case DOUBLE -> 8;
      case FIXED -> ((FixedSchema) schema).size();
      case RECORD -> {
        if (visiting.put(schema, Boolean.TRUE) != null) {
          yield 0;
        }
        long sum = 0;
        for (Field field : ((RecordSchema) schema).fields()) {
          sum += compute(field.schema(), visiting);
        }
        visiting.remove(schema);
        yield (int) Math.min(sum, Integer.MAX_VALUE);
      }
    };
  }
}
