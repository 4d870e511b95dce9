package dev.ddialab.bench.workload;

import dev.ddialab.core.LatencyRecorder;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.KvIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LevelDB's db_bench workloads, as its documentation describes them. Fills write buffered
 * (db_bench's default, sync=false) and flush once at the end of the untimed part; fillsync and
 * multisync sync every write, so they measure fsync and group commit. The write-heavy loads use
 * a random permutation of the keys (every key written exactly once), where db_bench draws keys
 * with replacement.
 */
public final class DbBench {
  private DbBench() {}

  /** Entries a seekrandom operation reads after its seek. */
  static final int SEEK_NEXTS = 10;

  public static List<Workload> all() {
    return List.of(
        workload("fillseq", "write N values in key order", (e, s, k) -> {}, DbBench::fillSequential),
        workload("fillrandom", "write N values in random key order", (e, s, k) -> {},
            DbBench::fillRandom),
        workload("overwrite", "overwrite N random keys of a filled database", DbBench::loadRandom,
            DbBench::overwrite),
        workload("readrandom", "read N random keys that exist", DbBench::loadRandom,
            DbBench::readRandom),
        workload("readseq", "scan the whole database in key order", DbBench::loadRandom,
            DbBench::readSequential),
        workload("readmissing", "read N random keys that do not exist", DbBench::loadRandom,
            DbBench::readMissing),
        workload("seekrandom", "N/10 seeks to random keys, reading " + SEEK_NEXTS + " entries each",
            DbBench::loadRandom, DbBench::seekRandom),
        workload("fillsync", "write N/100 values in random order, fsync each", (e, s, k) -> {},
            DbBench::fillSync),
        workload("multisync", "THREADS writers, N/100 synced writes in all (group commit)",
            (e, s, k) -> {}, DbBench::multiSync));
  }

  interface Loader {
    void load(KvEngine engine, Spec spec, KeySpace keys) throws IOException;
  }

  interface Runner {
    Phase run(KvEngine engine, Spec spec, KeySpace keys, LatencyRecorder latency)
        throws IOException, InterruptedException;
  }

  static Workload workload(String name, String description, Loader loader, Runner runner) {
    return new Workload() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public void load(KvEngine engine, Spec spec, KeySpace keys) throws IOException {
        loader.load(engine, spec, keys);
      }

      @Override
      public Phase run(KvEngine engine, Spec spec, KeySpace keys, LatencyRecorder latency)
          throws IOException, InterruptedException {
        return runner.run(engine, spec, keys, latency);
      }
    };
  }

  /** A random permutation of {@code 0..n-1} (Fisher-Yates), seeded. */
  static long[] permutation(long n, long seed) {
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--num " + n + " is too large");
    }
    long[] order = new long[(int) n];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static void loadRandom(KvEngine engine, Spec spec, KeySpace keys) throws IOException {
    SplittableRandom random = new SplittableRandom(spec.seed());
    for (long i : permutation(spec.num(), spec.seed())) {
      engine.put(KeySpace.benchKey(i), keys.value(random), Durability.BUFFERED);
    }
    engine.flush();
  }

  private static Phase fillSequential(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException {
    SplittableRandom random = new SplittableRandom(spec.seed());
    long bytes = 0;
    for (long i = 0; i < spec.num(); i++) {
      bytes += timedPut(engine, KeySpace.benchKey(i), keys.value(random), Durability.BUFFERED, latency);
    }
    return new Phase(spec.num(), bytes);
  }

  private static Phase fillRandom(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException {
    SplittableRandom random = new SplittableRandom(spec.seed());
    long bytes = 0;
    for (long i : permutation(spec.num(), spec.seed())) {
      bytes += timedPut(engine, KeySpace.benchKey(i), keys.value(random), Durability.BUFFERED, latency);
    }
    return new Phase(spec.num(), bytes);
  }

  private static Phase overwrite(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException {
    SplittableRandom random = new SplittableRandom(spec.seed() + 1);
    long bytes = 0;
    for (long op = 0; op < spec.num(); op++) {
      long i = random.nextLong(spec.num());
      bytes += timedPut(engine, KeySpace.benchKey(i), keys.value(random), Durability.BUFFERED, latency);
    }
    return new Phase(spec.num(), bytes);
  }

  private static Phase readRandom(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException {
    SplittableRandom random = new SplittableRandom(spec.seed() + 2);
    long found = 0;
    for (long op = 0; op < spec.num(); op++) {
      byte[] key = KeySpace.benchKey(random.nextLong(spec.num()));
      long start = System.nanoTime();
      boolean present = engine.get(key).isPresent();
      latency.record(System.nanoTime() - start);
      found += present ? 1 : 0;
    }
    if (found != spec.num()) {
      throw new IllegalStateException("readrandom found " + found + " of " + spec.num()
          + " keys that were written: the engine lost data");
    }
    return new Phase(spec.num(), 0);
  }

  private static Phase readMissing(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException {
    SplittableRandom random = new SplittableRandom(spec.seed() + 3);
    for (long op = 0; op < spec.num(); op++) {
      byte[] key = KeySpace.missingKey(random.nextLong(spec.num()));
      long start = System.nanoTime();
      boolean present = engine.get(key).isPresent();
      latency.record(System.nanoTime() - start);
      if (present) {
        throw new IllegalStateException("readmissing found a key that was never written");
      }
    }
    return new Phase(spec.num(), 0);
  }

  private static Phase readSequential(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException {
    long entries = 0;
    try (KvIterator it = engine.scan(null, null)) {
      long start = System.nanoTime();
      while (it.hasNext()) {
        it.next();
        long now = System.nanoTime();
        latency.record(now - start);
        start = now;
        entries++;
      }
    }
    if (entries != spec.num()) {
      throw new IllegalStateException("readseq saw " + entries + " entries, expected " + spec.num());
    }
    return new Phase(entries, 0);
  }

  private static Phase seekRandom(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException {
    SplittableRandom random = new SplittableRandom(spec.seed() + 4);
    long seeks = Math.max(1, spec.num() / 10);
    for (long op = 0; op < seeks; op++) {
      byte[] from = KeySpace.benchKey(random.nextLong(spec.num()));
      long start = System.nanoTime();
      try (KvIterator it = engine.scan(from, null)) {
        for (int n = 0; n < SEEK_NEXTS && it.hasNext(); n++) {
          it.next();
        }
      }
      latency.record(System.nanoTime() - start);
    }
    return new Phase(seeks, 0);
  }

  private static Phase fillSync(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException {
    long writes = Math.max(1, spec.num() / 100);
    SplittableRandom random = new SplittableRandom(spec.seed());
    long bytes = 0;
    long[] order = permutation(spec.num(), spec.seed());
    for (long op = 0; op < writes; op++) {
      bytes += timedPut(engine, KeySpace.benchKey(order[(int) op]), keys.value(random),
          Durability.SYNC, latency);
    }
    return new Phase(writes, bytes);
  }

  private static Phase multiSync(KvEngine engine, Spec spec, KeySpace keys,
      LatencyRecorder latency) throws IOException, InterruptedException {
    long writes = Math.max(spec.threads(), spec.num() / 100);
    long[] order = permutation(spec.num(), spec.seed());
    AtomicLong next = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < spec.threads(); t++) {
      SplittableRandom random = new SplittableRandom(spec.seed() + 100 + t);
      threads.add(Thread.ofPlatform().name("multisync-" + t).start(() -> {
        try {
          for (long op = next.getAndIncrement(); op < writes; op = next.getAndIncrement()) {
            bytes.addAndGet(timedPut(engine, KeySpace.benchKey(order[(int) (op % order.length)]),
                keys.value(random), Durability.SYNC, latency));
          }
        } catch (IOException | RuntimeException e) {
          failures.add(e);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IOException("multisync writer failed: " + failures.get(0).getMessage(), failures.get(0));
    }
    return new Phase(writes, bytes.get());
  }

  static long timedPut(KvEngine engine, byte[] key, byte[] value, Durability durability,
      LatencyRecorder latency) throws IOException {
    long start = System.nanoTime();
    engine.put(key, value, durability);
    latency.record(System.nanoTime() - start);
    return key.length + (long) value.length;
  }
}
