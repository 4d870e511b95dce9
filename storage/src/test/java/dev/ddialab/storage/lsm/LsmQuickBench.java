package dev.ddialab.storage.lsm;

import dev.ddialab.storage.Durability;
import dev.ddialab.storage.EngineStats;
import dev.ddialab.storage.KvIterator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A quick db_bench-style measurement, run by hand (not a test): fillrandom, readrandom and a full
 * scan of N keys of 16 bytes with 100-byte values. Usage: {@code LsmQuickBench [N] [leveled|tiered]}.
 * The real comparison against RocksDB is {@code ./ddia bench storage}.
 */
public final class LsmQuickBench {
  private LsmQuickBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String style = args.length > 1 ? args[1] : "leveled";
    Path dir = Files.createTempDirectory("lsm-bench-");
    LsmOptions options = LsmOptions.defaults().with(Map.of("compaction", style));
    SplittableRandom random = new SplittableRandom(1);
    byte[] value = new byte[100];
    try (LsmEngine engine = LsmEngine.open(dir, options)) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        random.nextBytes(value);
        engine.put(key(random.nextInt(n)), value, Durability.BUFFERED);
      }
      report("fillrandom", n, start);
      long settle = System.nanoTime();
      engine.awaitBackgroundWork(Duration.ofMinutes(10));
      report("  (compactions settling)", 0, settle);
      EngineStats stats = engine.stats();
      System.out.println("  write amplification " + stats.details().get("write amplification"));
      System.out.println("  write stalls " + stats.details().get("write stalls"));
      stats.details().forEach((k, v) -> {
        if (k.matches("L\\d|sorted runs")) {
          System.out.println("  " + k + " " + v);
        }
      });
      start = System.nanoTime();
      int found = 0;
      for (int i = 0; i < n; i++) {
        found += engine.get(key(random.nextInt(n))).isPresent() ? 1 : 0;
      }
      report("readrandom (" + found + " found)", n, start);
      start = System.nanoTime();
      long scanned = 0;
      try (KvIterator it = engine.scan(null, null)) {
        while (it.hasNext()) {
          it.next();
          scanned++;
        }
      }
      report("readseq", scanned, start);
      System.out.println("  " + engine.stats().details().get("block cache"));
      System.out.println("  " + engine.stats().details().get("bloom FP rate in reads"));
    } finally {
      dev.ddialab.core.tour.TourContext.deleteTree(dir);
    }
  }

  /** 16 decimal digits, as db_bench's keys (without String.format, which would dominate). */
  private static byte[] key(int i) {
    byte[] key = new byte[16];
    for (int at = 15, rest = i; at >= 0; at--, rest /= 10) {
      key[at] = (byte) ('0' + rest % 10);
    }
    return key;
  }

  private static void report(String what, long ops, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-28s %8.2f s %12s%n", what, seconds,
        ops == 0 ? "" : String.format("%,.0f ops/s", ops / seconds));
  }
}
