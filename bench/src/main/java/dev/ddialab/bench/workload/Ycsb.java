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
 * The YCSB core workloads A-F, written from the YCSB specification (Cooper et al., "Benchmarking
 * Cloud Serving Systems with YCSB", SoCC 2010, and the core workload property files): a load of
 * {@code num} records, then {@code num} operations from {@code threads} client threads.
 *
 * <pre>
 *   A  update heavy   50% read, 50% update           zipfian
 *   B  read mostly    95% read,  5% update           zipfian
 *   C  read only     100% read                       zipfian
 *   D  read latest    95% read,  5% insert           latest
 *   E  short ranges   95% scan,  5% insert           zipfian, scan length uniform 1..100
 *   F  read-modify-write 50% read, 50% RMW          zipfian
 * </pre>
 *
 * Simplifications: a record is one value of {@code valueBytes} rather than ten fields; an update
 * rewrites the whole value; the zipfian is scrambled by hashing the item as YCSB does, so that
 * popular keys are spread over the key space; "latest" favours the most recent inserts.
 */
public final class Ycsb {
  private static final int SCAN_LENGTH_MAX = 100;

  private Ycsb() {}

  enum Distribution { ZIPFIAN, LATEST }

  /** Operation mix in percent: read, update, insert, scan, read-modify-write. */
  record Mix(int read, int update, int insert, int scan, int readModifyWrite, Distribution distribution) {}

  public static List<Workload> all() {
    return List.of(
        workload("ycsb-a", "update heavy: 50% read, 50% update, zipfian",
            new Mix(50, 50, 0, 0, 0, Distribution.ZIPFIAN)),
        workload("ycsb-b", "read mostly: 95% read, 5% update, zipfian",
            new Mix(95, 5, 0, 0, 0, Distribution.ZIPFIAN)),
        workload("ycsb-c", "read only: 100% read, zipfian",
            new Mix(100, 0, 0, 0, 0, Distribution.ZIPFIAN)),
        workload("ycsb-d", "read latest: 95% read, 5% insert, latest",
            new Mix(95, 0, 5, 0, 0, Distribution.LATEST)),
        workload("ycsb-e", "short ranges: 95% scan (1-100), 5% insert, zipfian",
            new Mix(0, 0, 5, 95, 0, Distribution.ZIPFIAN)),
        workload("ycsb-f", "read-modify-write: 50% read, 50% RMW, zipfian",
            new Mix(50, 0, 0, 0, 50, Distribution.ZIPFIAN)));
  }

  private static Workload workload(String name, String description, Mix mix) {
    return DbBench.workload(name, description, Ycsb::load,
        (engine, spec, keys, latency) -> run(engine, spec, keys, latency, mix));
  }

  static void load(KvEngine engine, Spec spec, KeySpace keys) throws IOException {
    SplittableRandom random = new SplittableRandom(spec.seed());
    for (long i = 0; i < spec.num(); i++) {
      engine.put(KeySpace.ycsbKey(i), keys.value(random), Durability.BUFFERED);
    }
    engine.flush();
  }

  private static Phase run(KvEngine engine, Spec spec, KeySpace keys, LatencyRecorder latency,
      Mix mix) throws IOException, InterruptedException {
    AtomicLong inserted = new AtomicLong(spec.num());
    AtomicLong operations = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < spec.threads(); t++) {
      Client client = new Client(engine, keys, latency, mix, spec, inserted,
          new SplittableRandom(spec.seed() * 31 + t));
      threads.add(Thread.ofPlatform().name("ycsb-" + t).start(() -> {
        try {
          while (operations.getAndIncrement() < spec.num()) {
            bytes.addAndGet(client.operation());
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
      throw new IOException("YCSB client failed: " + failures.get(0).getMessage(), failures.get(0));
    }
    return new Phase(spec.num(), bytes.get());
  }

  /** One client thread: its own random source and request distribution. */
  private static final class Client {
    private final KvEngine engine;
    private final KeySpace keys;
    private final LatencyRecorder latency;
    private final Mix mix;
    private final AtomicLong inserted;
    private final SplittableRandom random;
    private final Zipfian zipfian;

    Client(KvEngine engine, KeySpace keys, LatencyRecorder latency, Mix mix, Spec spec,
        AtomicLong inserted, SplittableRandom random) {
      this.engine = engine;
      this.keys = keys;
      this.latency = latency;
      this.mix = mix;
      this.inserted = inserted;
      this.random = random;
      this.zipfian = new Zipfian(spec.num(), Zipfian.YCSB_THETA);
    }

    /** Runs one operation; returns the key and value bytes it wrote. */
    long operation() throws IOException {
      int dice = random.nextInt(100);
      long start = System.nanoTime();
      long written = 0;
      if ((dice -= mix.read()) < 0) {
        engine.get(KeySpace.ycsbKey(chooseRecord()));
      } else if ((dice -= mix.update()) < 0) {
        written = put(KeySpace.ycsbKey(chooseRecord()));
      } else if ((dice -= mix.insert()) < 0) {
        written = put(KeySpace.ycsbKey(inserted.getAndIncrement()));
      } else if ((dice -= mix.scan()) < 0) {
        int length = 1 + random.nextInt(SCAN_LENGTH_MAX);
        try (KvIterator it = engine.scan(KeySpace.ycsbKey(chooseRecord()), null)) {
          for (int n = 0; n < length && it.hasNext(); n++) {
            it.next();
          }
        }
      } else {
        byte[] key = KeySpace.ycsbKey(chooseRecord());
        engine.get(key);
        written = put(key);
      }
      latency.record(System.nanoTime() - start);
      return written;
    }

    private long put(byte[] key) throws IOException {
      byte[] value = keys.value(random);
      engine.put(key, value, Durability.BUFFERED);
      return key.length + (long) value.length;
    }

    /** A record that exists, chosen by the workload's request distribution. */
    private long chooseRecord() {
      long records = inserted.get();
      if (mix.distribution() == Distribution.LATEST) {
        zipfian.grow(records);
        return records - 1 - zipfian.next(random);
      }
      // Scrambled zipfian: popularity by rank, but popular items spread over the key space.
      long rank = zipfian.next(random);
      return Long.remainderUnsigned(KeySpace.fnv1a64(rank), records);
    }
  }
}
