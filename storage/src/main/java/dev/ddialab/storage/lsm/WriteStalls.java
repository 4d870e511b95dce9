package dev.ddialab.storage.lsm;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Back-pressure on writers when flushing or compaction falls behind, as LevelDB does it: writes
 * must not outrun the background work forever, or L0 (which every read visits table by table)
 * and memory grow without bound. Before each write, with the write lock held:
 *
 * <ol>
 *   <li><b>Slowdown</b>: with {@code slowdownTables} or more tables in L0, the write is delayed
 *       by 1 ms, once. This spreads a small delay over many writes instead of a long stop later.
 *   <li>If the active memtable has room, the write proceeds.
 *   <li><b>Stop</b>: if {@code maxImmutableMemtables} frozen memtables already wait for the flush
 *       thread, or L0 holds {@code stopTables} tables, the writer waits until a flush or
 *       compaction finishes, then checks again.
 *   <li>Otherwise the memtable is frozen and a new one begun.
 * </ol>
 *
 * Waiting releases the write lock (so reads, flushes and compactions go on) and lasts at most
 * until the next background job finishes; a failed job or closing the engine ends it with an
 * error. L0 limits apply only with background compaction on, since nothing else would drain L0.
 * Delays are counted for {@code kv stats}.
 */
final class WriteStalls {
  private static final long SLOWDOWN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final LsmEngine engine;
  private final LsmOptions options;
  final LongAdder slowdowns = new LongAdder();
  final LongAdder slowdownNanos = new LongAdder();
  /** Stops because frozen memtables wait for the flush thread. */
  final LongAdder flushStops = new LongAdder();
  /** Stops because L0 is at {@code stopTables}. */
  final LongAdder level0Stops = new LongAdder();
  final LongAdder stopNanos = new LongAdder();

  WriteStalls(LsmEngine engine, LsmOptions options) {
    this.engine = engine;
    this.options = options;
  }

  /** REQUIRES: the engine's write lock. */
  void makeRoom() throws IOException {
    boolean slowed = false;
    long stoppedSince = 0;
    VersionSet versions = engine.versions();
    // Bounded: each pass returns, or waits for a background job, which makes progress or fails.
    while (true) {
      engine.checkWritable();
      int level0 = versions.version().level(0).size();
      boolean drainsLevel0 = options.backgroundCompaction();
      if (!slowed && drainsLevel0 && level0 >= options.slowdownTables()) {
        slowed = true;
        long start = System.nanoTime();
        sleepWithLockReleased();
        slowdowns.increment();
        slowdownNanos.add(System.nanoTime() - start);
        continue;
      }
      if (engine.activeMemtable().approximateBytes() < options.memtableBytes()) {
        break;
      }
      boolean flushBehind = versions.immutableCount() >= options.maxImmutableMemtables();
      boolean level0Full = drainsLevel0 && level0 >= options.stopTables();
      if (!flushBehind && !level0Full) {
        engine.switchMemtable();
        break;
      }
      if (stoppedSince == 0) {
        stoppedSince = System.nanoTime();
        (flushBehind ? flushStops : level0Stops).increment();
      }
      engine.awaitBackgroundProgress();
    }
    if (stoppedSince != 0) {
      stopNanos.add(System.nanoTime() - stoppedSince);
    }
  }

  private void sleepWithLockReleased() throws IOException {
    var lock = engine.writeLock();
    lock.unlock();
    try {
      Thread.sleep(java.time.Duration.ofNanos(SLOWDOWN_NANOS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted during a write slowdown");
    } finally {
      lock.lock();
    }
  }
}
