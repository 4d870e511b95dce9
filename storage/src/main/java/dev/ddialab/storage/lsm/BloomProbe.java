package dev.ddialab.storage.lsm;

import dev.ddialab.storage.lsm.sstable.BloomFilter;
import dev.ddialab.storage.lsm.sstable.SsTableReader;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Measures the bloom filters' false-positive rate on demand, for {@code ddia kv stats}: the
 * command opens the database afresh, so the read counters have seen no reads yet. Every table
 * with a filter is asked about random keys; a "maybe" is checked against the table itself, so
 * only keys the table really lacks count, and a false positive is a "maybe" for one of them. The
 * seed is fixed so the same tables give the same figure.
 */
final class BloomProbe {
  private static final int PROBES_PER_TABLE = 1_000;
  /** Bounds the cost of stats on a tree of many tables. */
  private static final int MAX_PROBES = 50_000;
  private static final int KEY_BYTES = 16;
  private static final long SEED = 0x5EED_B100_F11EL;

  /** Probes of tables for keys they lack, and how many the filter did not rule out. */
  record Result(int tables, long negatives, long falsePositives) {
    double rate() {
      return negatives == 0 ? Double.NaN : (double) falsePositives / negatives;
    }
  }

  private BloomProbe() {}

  static Result measure(ReadView view, long snapshot) throws IOException {
    int filtered = 0;
    for (TableFile[] level : view.tables) {
      for (TableFile table : level) {
        filtered += table.reader.hasFilter() ? 1 : 0;
      }
    }
    if (filtered == 0) {
      return new Result(0, 0, 0);
    }
    int perTable = Math.max(1, Math.min(PROBES_PER_TABLE, MAX_PROBES / filtered));
    SplittableRandom random = new SplittableRandom(SEED);
    long negatives = 0;
    long falsePositives = 0;
    for (TableFile[] level : view.tables) {
      for (TableFile table : level) {
        SsTableReader reader = table.reader;
        if (!reader.hasFilter()) {
          continue;
        }
        for (int i = 0; i < perTable; i++) {
          byte[] key = new byte[KEY_BYTES];
          random.nextBytes(key);
          if (!reader.mayContain(BloomFilter.hash(key))) {
            negatives++;
          } else if (!reader.get(key, snapshot).isDecided()) {
            negatives++;
            falsePositives++;
          }
        }
      }
    }
    return new Result(filtered, negatives, falsePositives);
  }
}
