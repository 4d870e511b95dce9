package dev.ddialab.storage.lsm;

import java.util.concurrent.atomic.LongAdder;

/**
 * How point reads went through the tables since open: how often a bloom filter let a read skip a
 * table, and how often it said "maybe" for a table that did not hold the key (a false positive,
 * which costs a block read for nothing). The measured false-positive rate is false positives over
 * all probes of tables that lacked the key, the rate the filter's bits-per-key setting targets.
 * Thread-safe.
 */
final class ReadCounters {
  final LongAdder gets = new LongAdder();
  final LongAdder filterProbes = new LongAdder();
  final LongAdder filterSkips = new LongAdder();
  final LongAdder filterFalsePositives = new LongAdder();
  final LongAdder tableReads = new LongAdder();

  /** False positives over probes of tables without the key; NaN before any such probe. */
  double measuredFalsePositiveRate() {
    long falsePositives = filterFalsePositives.sum();
    long negatives = filterSkips.sum() + falsePositives;
    return negatives == 0 ? Double.NaN : (double) falsePositives / negatives;
  }
}
