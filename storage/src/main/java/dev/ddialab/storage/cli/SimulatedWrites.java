package dev.ddialab.storage.cli;

import dev.ddialab.core.Progress;
import dev.ddialab.storage.lsm.compaction.CompactionPolicy;
import dev.ddialab.storage.lsm.compaction.CompactionSimulator;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded stream of puts of uniformly random keys, fed through a simulated memtable into a
 * {@link CompactionSimulator}: the memtable fills by bytes written (overwrites included, as the
 * engine's skip list keeps every version) and flushes its newest value per key; after each flush
 * the policy compacts until it is satisfied, as a background compactor that keeps up would.
 *
 * @param writes puts to simulate
 * @param keySpace keys are drawn from {@code 0..keySpace-1}; fewer keys mean more overwrites
 * @param entryBytes bytes one key and value occupy in a table
 * @param memtableBytes a memtable is flushed once this many bytes were written to it
 * @param seed the same seed gives every policy the same writes
 */
record SimulatedWrites(long writes, int keySpace, int entryBytes, long memtableBytes, long seed) {
  /** A policy that plans this many tasks after one flush is looping, not compacting. */
  private static final int MAX_TASKS_PER_FLUSH = 1_000_000;

  /** What one policy did with the writes. */
  record Result(CompactionSimulator sim, long userBytes, long flushes, long liveBytes,
      double meanSpaceAmplification) {

    /** As {@code ddia kv stats} counts it: WAL (each put once), flushes and compactions. */
    double writeAmplification() {
      return (double) (userBytes + sim.bytesFlushed() + sim.bytesCompacted()) / userBytes;
    }

    /** Bytes in tables over bytes of live data, when the writes are done. */
    double finalSpaceAmplification() {
      return (double) sim.version().totalBytes() / liveBytes;
    }

    double peakSpaceAmplification() {
      return (double) sim.peakBytes() / liveBytes;
    }
  }

  long writesPerMemtable() {
    return Math.max(1, (memtableBytes + entryBytes - 1) / entryBytes);
  }

  Result run(CompactionPolicy policy, Progress progress) {
    CompactionSimulator sim = new CompactionSimulator(policy, entryBytes);
    SplittableRandom random = new SplittableRandom(seed);
    BitSet written = new BitSet(keySpace);
    Map<Integer, Boolean> memtable = new HashMap<>();
    long inMemtable = 0;
    long flushes = 0;
    double spaceSum = 0;
    for (long i = 0; i < writes; i++) {
      int key = random.nextInt(keySpace);
      memtable.put(key, true);
      written.set(key);
      inMemtable++;
      if (inMemtable == writesPerMemtable() || i == writes - 1) {
        sim.flush(memtable);
        sim.compactUntilQuiet(MAX_TASKS_PER_FLUSH);
        flushes++;
        spaceSum += (double) sim.version().totalBytes() / ((long) written.cardinality()
            * entryBytes);
        memtable.clear();
        progress.advance(inMemtable);
        inMemtable = 0;
      }
    }
    return new Result(sim, writes * entryBytes, flushes,
        (long) written.cardinality() * entryBytes, spaceSum / flushes);
  }
}
